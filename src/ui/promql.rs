//! XS406 in the page. The PromQL parser lives in a Web Worker of its own
//! (`crates/xgen-promql-worker`), which the page starts, and whose wasm it
//! downloads, only when a rule first has a hand-written expression: the page
//! that never sees one never pays for the parser.
//!
//! Answers are cached by expression text. The checker is the
//! [`PromqlSyntax`] the problems memo hands XS406, so a problem appears as
//! soon as the worker has answered (reading the cache is tracked), and an
//! edit back to an expression already parsed needs no round trip.

use leptos::prelude::*;
use std::collections::{HashMap, VecDeque};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};
use xgen_core::checks::xs406_promql_syntax::{self as xs406, expressions, PromqlSyntax};
use xgen_core::ProjectState;

/// The loader trunk writes for the worker (`data-loader-shim` in index.html).
const WORKER_URL: &str = "./xgen-promql-worker_loader.js";
/// The worker's first message: it listens from now on.
const READY: &str = "ready";

/// What the page knows of one expression, as the Alerts form shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Checking,
    Parses,
    Refused(String),
    /// The worker could not be started (the message says why).
    Unavailable(String),
}

#[derive(Clone, Copy)]
pub struct PromqlChecker {
    /// `(path, expression)` of the state's hand-written expressions.
    wanted: Memo<Vec<(String, String)>>,
    /// Expression → the parser's error (`None`: it parses).
    answers: RwSignal<HashMap<String, Option<String>>>,
    unavailable: RwSignal<Option<String>>,
    worker: StoredValue<Option<Worker>, LocalStorage>,
    /// The worker has said it listens. Messages posted before that would be
    /// lost (its wasm is still loading), so they wait in `unsent`.
    ready: StoredValue<bool, LocalStorage>,
    unsent: StoredValue<Vec<Vec<String>>, LocalStorage>,
    /// Batches posted and not yet answered, oldest first (a worker answers in
    /// order).
    in_flight: StoredValue<VecDeque<Vec<String>>, LocalStorage>,
}

impl PromqlChecker {
    /// Starts following the state: every new hand-written expression is sent
    /// to the worker once.
    pub fn new(state: ReadSignal<ProjectState>) -> Self {
        let checker = PromqlChecker {
            wanted: Memo::new(move |_| state.with(expressions)),
            answers: RwSignal::new(HashMap::new()),
            unavailable: RwSignal::new(None),
            worker: StoredValue::new_local(None),
            ready: StoredValue::new_local(false),
            unsent: StoredValue::new_local(Vec::new()),
            in_flight: StoredValue::new_local(VecDeque::new()),
        };
        Effect::new(move |_| {
            let mut asked: Vec<String> = checker.in_flight.with_value(|q| q.iter().flatten().cloned().collect());
            asked.extend(checker.unsent.with_value(|q| q.iter().flatten().cloned().collect::<Vec<_>>()));
            let mut new: Vec<String> = checker.wanted.with(|w| {
                checker.answers.with_untracked(|a| {
                    w.iter().map(|(_, e)| e.clone()).filter(|e| !a.contains_key(e) && !asked.contains(e)).collect()
                })
            });
            new.dedup();
            if !new.is_empty() {
                checker.post(new);
            }
        });
        checker
    }

    fn post(self, batch: Vec<String>) {
        if self.worker.with_value(Option::is_none) {
            match self.start() {
                Ok(w) => self.worker.set_value(Some(w)),
                Err(e) => {
                    self.unavailable.set(Some(e));
                    return;
                }
            }
        }
        self.unsent.update_value(|q| q.push(batch));
        if self.ready.get_value() {
            self.flush();
        }
    }

    fn flush(self) {
        for batch in self.unsent.try_update_value(std::mem::take).unwrap_or_default() {
            let message = js_sys::Array::new();
            for e in &batch {
                message.push(&JsValue::from_str(e));
            }
            self.worker.with_value(|w| {
                if let Some(w) = w {
                    if let Err(e) = w.post_message(&message) {
                        self.unavailable.set(Some(format!("{e:?}")));
                    }
                }
            });
            self.in_flight.update_value(|q| q.push_back(batch));
        }
    }

    fn start(self) -> Result<Worker, String> {
        let worker = Worker::new(WORKER_URL).map_err(|e| format!("the PromQL checker could not start: {e:?}"))?;
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            if e.data().as_string().as_deref() == Some(READY) {
                self.ready.set_value(true);
                self.flush();
                return;
            }
            let Some(batch) = self.in_flight.try_update_value(|q| q.pop_front()).flatten() else { return };
            let replies = js_sys::Array::from(&e.data());
            self.answers.update(|a| {
                for (i, expr) in batch.into_iter().enumerate() {
                    a.insert(expr, replies.get(i as u32).as_string());
                }
            });
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the page.
        on_message.forget();
        Ok(worker)
    }

    pub fn status(self, expr: &str) -> Status {
        if let Some(why) = self.unavailable.get() {
            return Status::Unavailable(why);
        }
        match self.answers.with(|a| a.get(expr.trim()).cloned()) {
            None => Status::Checking,
            Some(None) => Status::Parses,
            Some(Some(e)) => Status::Refused(e),
        }
    }
}

impl PromqlSyntax for PromqlChecker {
    fn verdict(&self, expr: &str) -> xs406::Verdict {
        match self.answers.with(|a| a.get(expr).cloned()) {
            None => xs406::Verdict::Pending,
            Some(None) => xs406::Verdict::Parses,
            Some(Some(e)) => xs406::Verdict::Fails(e),
        }
    }
}
