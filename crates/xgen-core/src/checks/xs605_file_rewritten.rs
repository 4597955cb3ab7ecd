//! XS605: an imported file whose edit could not be patched into the text as
//! the author wrote it: the studio writes it again with its own writer, and
//! the file's comments and layout are not kept (docs/bundle.md, "A file the
//! user brought in…"). Read from the snapshot's own write
//! ([`crate::rendered::Rendered::kept`]), never computed again.

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS605",
    severity: Severity::Warning,
    title: Text {
        key: "XS605",
        en: "A file written again without its comments",
        ko: "주석 없이 다시 쓰는 파일",
    },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    ctx.rendered
        .rewritten()
        .map(|file| {
            Problem::new(
                &RULE,
                file,
                "",
                Said::new(
                    format!(
                        "the edit to `{file}` cannot be patched into the file as it was written: the studio writes \
                         it again, and its comments and layout will not be kept"
                    ),
                    format!(
                        "`{file}`의 변경을 작성된 파일에 그대로 반영할 수 없어 스튜디오가 파일을 다시 씁니다: 주석과 \
                         배치는 유지되지 않습니다"
                    ),
                ),
                Said::new(
                    "to keep them, make this change in the file itself and import it again, or undo the edit",
                    "유지하려면 파일에서 직접 변경한 뒤 다시 가져오거나, 변경을 되돌리세요",
                ),
            )
        })
        .collect()
}
