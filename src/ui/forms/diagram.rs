//! The routing diagram: host → Gateway → ordered rules → services, as SVG, with
//! the simulated request's path drawn in the accent colour; the rules of
//! every VirtualService on the host, the imported ones dashed and marked.
//! Labels are SVG text nodes (never markup).

use crate::i18n::{DIAGRAM, DIAGRAM_REGION, NO_VS};
use crate::ui::i18n::t;
use leptos::prelude::*;

/// What the diagram shows; built from the simulation and the rule list.
#[derive(Clone, PartialEq, Default)]
pub struct DiagramData {
    pub hosts: Vec<String>,
    pub gateway: String,
    /// `(rule label, destination service, imported)`, in order: every
    /// route of the host, the imported VirtualServices' marked.
    pub rules: Vec<(String, String, bool)>,
    pub hit_host: Option<String>,
    pub hit_rule: Option<usize>,
}

const ROW: f64 = 34.0;
const BOX_H: f64 = 26.0;
/// The labels' size, in the SVG's units; the stylesheet draws the SVG at its
/// own size (one unit, one CSS pixel), so this is the size one reads.
const FONT: f64 = 12.0;
/// The advance of one character of the monospace font, per unit of size
/// (0.6 in DejaVu Sans Mono, Menlo, Consolas), with a little to spare.
const CHAR_W: f64 = 0.62 * FONT;
const PAD: f64 = 8.0;
const GAP: f64 = 20.0;
/// Labels longer than this many characters are cut (with `…`); the rule
/// list beside the diagram has them whole.
const MAX_CHARS: usize = 64;

/// The width of a box that holds the longest of `labels`.
fn column_width<'a>(labels: impl Iterator<Item = &'a str>) -> f64 {
    let chars = labels.map(|l| l.chars().count().min(MAX_CHARS)).max().unwrap_or(0).max(6);
    chars as f64 * CHAR_W + 2.0 * PAD
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

#[component]
pub fn RoutingDiagram(#[prop(into)] data: Signal<DiagramData>) -> impl IntoView {
    move || {
        let d = data.get();
        if d.rules.is_empty() {
            return view! { <p class="muted">{t(NO_VS)}</p> }.into_any();
        }
        let mut services: Vec<String> = Vec::new();
        for (_, s, _) in &d.rules {
            if !services.contains(s) {
                services.push(s.clone());
            }
        }
        let rows = d.rules.len().max(services.len()).max(d.hosts.len()).max(1);
        let height = rows as f64 * ROW + 16.0;
        let rule_labels: Vec<String> =
            d.rules.iter().enumerate().map(|(i, (label, ..))| format!("{i}: {label}")).collect();
        let w_host = column_width(d.hosts.iter().map(String::as_str));
        let w_gw = column_width(std::iter::once(d.gateway.as_str()));
        let w_rule = column_width(rule_labels.iter().map(String::as_str));
        let w_svc = column_width(services.iter().map(String::as_str));
        let x_host = 4.0;
        let x_gw = x_host + w_host + GAP;
        let x_rule = x_gw + w_gw + GAP;
        let x_svc = x_rule + w_rule + GAP;
        let width = x_svc + w_svc + 4.0;
        let y = |i: usize| 8.0 + i as f64 * ROW;
        let mid = |i: usize| y(i) + BOX_H / 2.0;
        let gw_row = (rows - 1) / 2;
        let hit_service = d.hit_rule.and_then(|i| d.rules.get(i)).map(|(_, s, _)| s.clone());
        let lines = {
            let mut out = Vec::new();
            for (i, h) in d.hosts.iter().enumerate() {
                let hit = d.hit_host.as_deref() == Some(h.as_str());
                out.push((x_host + w_host, mid(i), x_gw, mid(gw_row), hit));
            }
            for (i, (_, svc, _)) in d.rules.iter().enumerate() {
                let hit = d.hit_rule == Some(i);
                out.push((x_gw + w_gw, mid(gw_row), x_rule, mid(i), hit));
                let j = services.iter().position(|s| s == svc).unwrap_or(0);
                out.push((x_rule + w_rule, mid(i), x_svc, mid(j), hit));
            }
            // Draw highlighted lines last, on top.
            out.sort_by_key(|l| l.4);
            out
        };
        let boxes = {
            let mut out: Vec<(f64, f64, f64, String, String, bool)> = Vec::new();
            for (i, h) in d.hosts.iter().enumerate() {
                out.push((
                    x_host,
                    y(i),
                    w_host,
                    shorten(h, MAX_CHARS),
                    "host".into(),
                    d.hit_host.as_deref() == Some(h.as_str()),
                ));
            }
            out.push((x_gw, y(gw_row), w_gw, shorten(&d.gateway, MAX_CHARS), "gateway".into(), d.hit_host.is_some()));
            for (i, label) in rule_labels.iter().enumerate() {
                let kind = if d.rules[i].2 { "rule imported" } else { "rule" };
                out.push((x_rule, y(i), w_rule, shorten(label, MAX_CHARS), kind.into(), d.hit_rule == Some(i)));
            }
            for (j, s) in services.iter().enumerate() {
                out.push((
                    x_svc,
                    y(j),
                    w_svc,
                    shorten(s, MAX_CHARS),
                    "service".into(),
                    hit_service.as_deref() == Some(s.as_str()),
                ));
            }
            out
        };
        view! {
            <div class="diagram-wrap" tabindex="0" role="region" aria-label=t(DIAGRAM_REGION)>
            <svg
                class="diagram"
                // Drawn at its own size, so that its labels are as large as
                // the page's code; a narrower column scrolls it sideways.
                width=width
                height=height
                preserveAspectRatio="xMinYMin meet"
                role="img"
                aria-label=t(DIAGRAM)
                translate="no"
                viewBox=format!("0 0 {width} {height}")
                style:font-size=format!("{FONT}px")
                data-testid="diagram"
            >
                {lines
                    .into_iter()
                    .map(|(x1, y1, x2, y2, hit)| {
                        view! { <line x1=x1 y1=y1 x2=x2 y2=y2 class:hit=hit /> }
                    })
                    .collect_view()}
                {boxes
                    .into_iter()
                    .map(|(x, y, w, label, kind, hit)| {
                        view! {
                            <g class=format!("node {kind}") class:hit=hit>
                                <rect x=x y=y width=w height=BOX_H rx="4" />
                                <text x=x + PAD y=y + BOX_H / 2.0 + FONT * 0.35>{label}</text>
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
            </div>
        }
        .into_any()
    }
}
