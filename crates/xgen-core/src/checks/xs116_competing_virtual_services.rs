//! XS116: two VirtualServices, one of them imported, route the same host
//! of the gateway: istiod appends the later one's routes after the
//! earlier one's, catch-alls last (docs/routing.md, "The whole gateway"),
//! so the later one sees only what the earlier one's routes miss.

use super::cluster::route_tables;
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS116",
    severity: Severity::Warning,
    title: Text { key: "XS116", en: "VirtualServices compete for a host", ko: "한 호스트를 두고 겹치는 VirtualService" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (env, file, table) in route_tables(ctx) {
        for host in &table.hosts {
            let [first, rest @ ..] = host.virtual_services.as_slice() else { continue };
            let earlier = &table.vss[*first];
            for later in rest.iter().map(|i| &table.vss[*i]) {
                if !earlier.from_file() && !later.from_file() {
                    continue;
                }
                let (a, b, domain) = (earlier.full_name(), later.full_name(), &host.domain);
                let path = if later.from_file() { format!("{b}.spec.hosts") } else { format!("{a}.spec.hosts") };
                out.push(Problem::new(
                    &RULE,
                    file.clone(),
                    path,
                    Said::new(
                        format!("`{a}` and `{b}` both route `{domain}` in {}: istiod tries `{a}`'s routes first, then `{b}`'s, and every catch-all last, so `{b}` gets only what `{a}` leaves", env.name),
                        format!("{}에서 `{a}`와(과) `{b}`이(가) 모두 `{domain}`을(를) 라우팅합니다: istiod는 `{a}`의 라우트를 먼저, 그다음 `{b}`의 라우트를, catch-all은 마지막에 시도하므로 `{b}`은(는) `{a}`이(가) 남긴 요청만 받습니다", env.name),
                    ),
                    Said::new(
                        "give each team its own host, or check with the simulator which one answers each path",
                        "팀마다 호스트를 따로 두거나, 시뮬레이터로 경로마다 어느 쪽이 답하는지 확인하세요",
                    ),
                ));
            }
        }
    }
    out
}
