//! The routing diagram: host → Gateway → ordered rules → services, as SVG, with
//! the simulated request's path drawn in the accent colour. Labels are SVG
//! text nodes (never markup).

use crate::i18n::{DIAGRAM, DIAGRAM_REGION, NO_VS};
use crate::ui::i18n::t;
use leptos::prelude::*;

/// What the diagram shows; built from the simulation and the rule list.
#[derive(Clone, PartialEq, Default)]
pub struct DiagramData {
    pub hosts: Vec<String>,
    pub gateway: String,
    /// `(rule label, destination service)`, in order.
    pub rules: Vec<(String, String)>,
    pub hit_host: Option<String>,
    pub hit_rule: Option<usize>,
}

const ROW: f64 = 30.0;
const BOX_H: f64 = 22.0;

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
        for (_, s) in &d.rules {
            if !services.contains(s) {
                services.push(s.clone());
            }
        }
        let rows = d.rules.len().max(services.len()).max(d.hosts.len()).max(1);
        let height = rows as f64 * ROW + 16.0;
        let (x_host, x_gw, x_rule, x_svc) = (4.0, 196.0, 330.0, 640.0);
        let (w_host, w_gw, w_rule, w_svc) = (180.0, 120.0, 280.0, 176.0);
        let y = |i: usize| 8.0 + i as f64 * ROW;
        let mid = |i: usize| y(i) + BOX_H / 2.0;
        let gw_row = (rows - 1) / 2;
        let hit_service = d.hit_rule.and_then(|i| d.rules.get(i)).map(|(_, s)| s.clone());
        let lines = {
            let mut out = Vec::new();
            for (i, h) in d.hosts.iter().enumerate() {
                let hit = d.hit_host.as_deref() == Some(h.as_str());
                out.push((x_host + w_host, mid(i), x_gw, mid(gw_row), hit));
            }
            for (i, (_, svc)) in d.rules.iter().enumerate() {
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
                    shorten(h, 26),
                    "host".into(),
                    d.hit_host.as_deref() == Some(h.as_str()),
                ));
            }
            out.push((x_gw, y(gw_row), w_gw, shorten(&d.gateway, 17), "gateway".into(), d.hit_host.is_some()));
            for (i, (label, _)) in d.rules.iter().enumerate() {
                out.push((
                    x_rule,
                    y(i),
                    w_rule,
                    shorten(&format!("{i}: {label}"), 40),
                    "rule".into(),
                    d.hit_rule == Some(i),
                ));
            }
            for (j, s) in services.iter().enumerate() {
                out.push((
                    x_svc,
                    y(j),
                    w_svc,
                    shorten(s, 25),
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
                // Scales to the column (viewBox): the destination column stays in view at any width.
                width="100%"
                preserveAspectRatio="xMinYMin meet"
                role="img"
                aria-label=t(DIAGRAM)
                translate="no"
                viewBox=format!("0 0 820 {height}")
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
                                <text x=x + 6.0 y=y + 15.0>{label}</text>
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
