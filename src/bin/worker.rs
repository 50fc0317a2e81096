//! The `worker` binary: the page's worker ([`headroom::worker`]), built to WebAssembly and
//! started by `public/worker-start.js` in a Web Worker. It hands the page's requests to the
//! sampler and runs the sampler in slices, each a task of its own, so that a request arriving
//! while a run is under way is read between two slices and replaces it.

#[cfg(target_arch = "wasm32")]
mod web {
    use std::cell::RefCell;

    use headroom::worker::{PROTOCOL, Reply, Sampler};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// How long one slice runs, in milliseconds: long enough that the time between slices
    /// hardly counts, short enough that a new request waits little.
    const SLICE_MS: f64 = 50.0;

    /// Evaluations between two looks at the clock.
    const STEP: usize = 16;

    thread_local! {
        static SAMPLER: RefCell<Sampler> = RefCell::new(Sampler::default());
        /// The port whose messages run the slices: one for each slice, as a task of its own.
        static NEXT: RefCell<Option<web_sys::MessagePort>> = const { RefCell::new(None) };
        /// Whether a slice is asked for and not yet run (one at a time).
        static SCHEDULED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    /// Posts a reply to the page.
    fn post(reply: &Reply) {
        let bytes = js_sys::Uint8Array::from(reply.to_bytes().as_slice());
        let _ = scope().post_message(&bytes);
    }

    fn now() -> f64 {
        js_sys::Date::now()
    }

    /// Asks for the next slice as a task of its own, unless it is asked for already.
    fn schedule() {
        if SCHEDULED.with(|s| s.replace(true)) {
            return;
        }
        NEXT.with(|next| {
            if let Some(port) = next.borrow().as_ref() {
                let _ = port.post_message(&wasm_bindgen::JsValue::NULL);
            }
        });
    }

    /// One slice of the run under way, and the next asked for while it lasts.
    fn slice() {
        SCHEDULED.with(|s| s.set(false));
        let reply = SAMPLER.with(|s| s.borrow_mut().slice(SLICE_MS, STEP, &now));
        if let Some(reply) = reply {
            post(&reply);
            if matches!(reply, Reply::Progress { .. }) {
                schedule();
            }
        }
    }

    /// A request from the page: the run it asks for replaces the one under way.
    fn request(event: MessageEvent) {
        let text = event.data().as_string().unwrap_or_default();
        let reply = SAMPLER.with(|s| s.borrow_mut().start(&text));
        let going = matches!(reply, Reply::Progress { .. });
        post(&reply);
        if going {
            schedule();
        }
    }

    pub fn start() {
        if let Ok(channel) = web_sys::MessageChannel::new() {
            let on_slice = Closure::<dyn FnMut()>::new(slice);
            channel
                .port1()
                .set_onmessage(Some(on_slice.as_ref().unchecked_ref()));
            on_slice.forget();
            NEXT.with(|next| *next.borrow_mut() = Some(channel.port2()));
        }
        let on_request = Closure::<dyn FnMut(MessageEvent)>::new(request);
        scope().set_onmessage(Some(on_request.as_ref().unchecked_ref()));
        on_request.forget();
        post(&Reply::Ready { protocol: PROTOCOL });
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    web::start();
}

/// Natively there is no page to serve: the command line runs the same engine (`headroom eval`).
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "worker: the page's worker runs in a browser; on the command line, use `headroom eval`"
    );
    std::process::exit(2);
}
