//! The Monte Carlo run of the page, in its worker ([`crate::worker`]): while the scenario has
//! ranges, each change posts the scenario, as its share link, to the worker, which draws the
//! samples in a thread of its own and answers with the run's progress and, at the end, its
//! figures. Typing never waits for a run. An edit starts another run, whose number the page
//! then waits for: replies of the run before are ignored. The last run's figures stay shown,
//! marked as updating, until the new one is done.
//!
//! The worker is started when a scenario first has a range, so that a first visit does not
//! download it. Until it says it is ready, the page keeps the latest request and posts it then.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use super::state::{AppState, RunTimes};
use crate::export::link;
use crate::scenario::ranges;
use crate::worker::{self, Reply, Request};

/// The page's side of its worker.
struct Client {
    state: AppState,
    /// The worker, once started.
    worker: Option<web_sys::Worker>,
    /// Whether the worker has said it reads requests.
    ready: bool,
    /// The number of the run the page waits for; 0 before the first.
    run: u32,
    /// The request of that run, until it is posted.
    waiting: Option<Request>,
    /// When that run's request was posted, in milliseconds since 1970.
    posted_at: f64,
    /// Whether the worker failed to start: no run is drawn until the page is reloaded.
    broken: bool,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

/// Starts a run in the worker whenever the scenario changes and has a range, and drops the run
/// before.
pub fn keep_sampling(state: AppState) {
    CLIENT.with(|client| {
        *client.borrow_mut() = Some(Client {
            state,
            worker: None,
            ready: false,
            run: 0,
            waiting: None,
            posted_at: 0.0,
            broken: false,
        })
    });
    Effect::new(move |_| {
        let link = state
            .scenario
            .with(|s| ranges::drawn(s).next().is_some().then(|| link::encode(s)));
        let Some(link) = link else {
            with_client(|client| {
                client.run += 1;
                client.waiting = None;
            });
            state.sampling.set(None);
            state.sampling_error.set(None);
            if state.uncertainty.with_untracked(Option::is_some) {
                state.uncertainty.set(None);
            }
            // An export waiting for a run the edit dropped is saved now, without it.
            if state.export_waiting.get_value() {
                state.export_waiting.set_value(false);
                super::toolbar::export(&state, false);
            }
            return;
        };
        let broken = CLIENT.with(|c| c.borrow().as_ref().is_some_and(|c| c.broken));
        if broken {
            // The reason stays shown; nothing is drawing.
            return;
        }
        state.sampling.set(Some((0, 1)));
        with_client(|client| {
            client.run += 1;
            client.waiting = Some(Request {
                run: client.run,
                link,
            });
            if client.worker.is_none() {
                match start_worker() {
                    Ok(worker) => client.worker = Some(worker),
                    Err(message) => failed(state, message),
                }
            }
            post_waiting(client);
        });
    });
}

fn with_client(f: impl FnOnce(&mut Client)) {
    CLIENT.with(|client| {
        if let Some(client) = client.borrow_mut().as_mut() {
            f(client);
        }
    });
}

/// The worker, listening; or why the browser cannot start it.
fn start_worker() -> Result<web_sys::Worker, &'static str> {
    let worker = web_sys::Worker::new(worker::SCRIPT)
        .map_err(|_| "this browser could not start the worker that draws the samples")?;
    let on_reply = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(reply);
    worker.set_onmessage(Some(on_reply.as_ref().unchecked_ref()));
    on_reply.forget();
    let on_error = Closure::<dyn FnMut()>::new(|| {
        with_client(|client| client.broken = true);
        if let Some(state) = CLIENT.with(|c| c.borrow().as_ref().map(|c| c.state)) {
            failed(
                state,
                "the worker that draws the samples could not be loaded; reload the page to try again",
            );
        }
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    Ok(worker)
}

/// Posts the request waiting, if the worker reads requests yet.
fn post_waiting(client: &mut Client) {
    let (Some(worker), true) = (&client.worker, client.ready) else {
        return;
    };
    if let Some(request) = client.waiting.take() {
        client.posted_at = js_sys::Date::now();
        let _ = worker.post_message(&request.to_text().into());
    }
}

/// Stops showing a run under way and says why there is none; an export waiting for the run
/// is saved now, without its percentiles.
fn failed(state: AppState, message: &str) {
    state.sampling.set(None);
    state.sampling_error.set(Some(format!(
        "The ranges' percentiles could not be drawn: {message}."
    )));
    if state.export_waiting.get_value() {
        state.export_waiting.set_value(false);
        super::toolbar::export(&state, false);
    }
}

/// A reply from the worker: the run's progress, or its figures once done.
fn reply(event: web_sys::MessageEvent) {
    let wanted = CLIENT.with(|c| c.borrow().as_ref().map(|c| (c.state, c.run, c.posted_at)));
    let Some((state, run, posted_at)) = wanted else {
        return;
    };
    let bytes = js_sys::Uint8Array::new(&event.data()).to_vec();
    let reply = match Reply::from_bytes(&bytes) {
        Ok(reply) => reply,
        Err(message) => return failed(state, &message),
    };
    match reply {
        Reply::Ready { protocol } if protocol != worker::PROTOCOL => failed(
            state,
            "the page and its worker are of different versions; reload the page",
        ),
        Reply::Ready { .. } => with_client(|client| {
            client.ready = true;
            post_waiting(client);
        }),
        Reply::Progress {
            run: of,
            done,
            total,
        } if of == run => state.sampling.set(Some((done as usize, total as usize))),
        Reply::Done {
            run: of,
            computing_ms,
            samples_done_at,
            uncertainty,
        } if of == run => {
            let end = js_sys::Date::now();
            state.run_ms.set(RunTimes {
                computing_ms,
                samples_ms: (samples_done_at - posted_at).max(0.0),
                total_ms: end - posted_at,
            });
            state.sampling_error.set(None);
            state.uncertainty.set(Some(*uncertainty));
            state.sampling.set(None);
            if state.export_waiting.get_value() {
                state.export_waiting.set_value(false);
                super::toolbar::export(&state, false);
            }
        }
        Reply::Failed { run: of, message } if of == run || of == 0 => failed(state, &message),
        // A reply of a run the page no longer waits for.
        _ => {}
    }
}
