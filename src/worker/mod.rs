//! The page's worker: the Monte Carlo run, in a thread of its own and a WebAssembly module of
//! its own. A first visit does not download it; the page starts it when a scenario first has a
//! range, so the run's code costs nothing to a scenario without one, and however long a run
//! takes, typing never waits for it.
//!
//! The page posts a [`Request`]: a run number and the scenario as its share link (which holds
//! every input, ranges included, and reopens as exactly the same scenario). The worker answers
//! with [`Reply`]s, each encoded with postcard: that it is ready, the run's progress, and at the
//! end what the run made ([`Uncertainty`]) with the time it spent computing. A request replaces
//! the run under way, whose replies the page no longer reads.
//!
//! [`Sampler`] is the worker's side in plain Rust; the `worker` binary (`src/bin/worker.rs`)
//! only hands it the page's messages and the clock, and posts what it answers.

use serde::{Deserialize, Serialize};

use crate::engine::{self, uncertainty::Simulation};
use crate::export::link;
use crate::report::uncertainty::Uncertainty;

/// The version of the messages: a page and a worker of different builds (one cached, one not)
/// refuse each other's rather than misread them.
pub const PROTOCOL: u32 = 2;

/// The worker's script, relative to the page: it loads the worker's WebAssembly.
pub const SCRIPT: &str = "worker-start.js";

/// What the page asks: run number `run` on the scenario of `link`.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The run's number: replies carry it, so that the page reads only the run it wants.
    pub run: u32,
    /// The scenario's share-link fragment, without `#`.
    pub link: String,
}

impl Request {
    /// The request as the page posts it: `<protocol> <run> <link>`.
    pub fn to_text(&self) -> String {
        format!("{PROTOCOL} {} {}", self.run, self.link)
    }

    /// The request a text holds, or why it holds none.
    pub fn from_text(text: &str) -> Result<Request, String> {
        let mut parts = text.splitn(3, ' ');
        let protocol = parts.next().and_then(|p| p.parse::<u32>().ok());
        if protocol != Some(PROTOCOL) {
            return Err(format!(
                "the page and its worker are of different versions (protocol {PROTOCOL} expected): reload the page"
            ));
        }
        let run = (parts.next().and_then(|r| r.parse().ok())).ok_or("a request without its run")?;
        let link = parts.next().ok_or("a request without its scenario")?;
        Ok(Request {
            run,
            link: link.to_string(),
        })
    }
}

/// What the worker answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The worker has started and reads requests (sent once, first).
    Ready {
        /// Its version of the messages.
        protocol: u32,
    },
    /// Evaluations done and to do in the run.
    Progress {
        /// The run.
        run: u32,
        /// Evaluations done.
        done: u64,
        /// Evaluations in the whole run.
        total: u64,
    },
    /// What the run made.
    Done {
        /// The run.
        run: u32,
        /// The time the slices that drew the launch's samples took, added up, in
        /// milliseconds: the engine's time.
        computing_ms: f64,
        /// When the launch's last sample was drawn, in milliseconds since 1970 (the clock the
        /// page and its worker share).
        samples_done_at: f64,
        /// Its figures.
        uncertainty: Box<Uncertainty>,
    },
    /// The run could not be made, and why.
    Failed {
        /// The run.
        run: u32,
        /// Why, in words.
        message: String,
    },
}

impl Reply {
    /// The reply as the worker posts it.
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).unwrap_or_default()
    }

    /// The reply in `bytes`, or why they hold none.
    pub fn from_bytes(bytes: &[u8]) -> Result<Reply, String> {
        postcard::from_bytes(bytes).map_err(|e| format!("a reply the page cannot read: {e}"))
    }
}

/// The run under way in the worker.
struct Current {
    run: u32,
    simulation: Simulation,
    computing_ms: f64,
    samples_done_at: Option<f64>,
}

/// The worker's side: at most one run under way, which a new request replaces.
#[derive(Default)]
pub struct Sampler {
    current: Option<Current>,
}

impl Sampler {
    /// Starts the run `text` asks for, dropping the one under way. What to answer at once: the
    /// run's progress, or why it cannot be made.
    pub fn start(&mut self, text: &str) -> Reply {
        self.current = None;
        let request = match Request::from_text(text) {
            Ok(request) => request,
            Err(message) => return Reply::Failed { run: 0, message },
        };
        let run = request.run;
        let scenario = match link::decode(&request.link) {
            Ok(scenario) => scenario,
            Err(error) => {
                return Reply::Failed {
                    run,
                    message: error.to_string(),
                };
            }
        };
        let point = engine::evaluate(&scenario);
        match Simulation::new(&scenario, &point) {
            Some(simulation) => {
                let (done, total) = simulation.progress();
                self.current = Some(Current {
                    run,
                    simulation,
                    computing_ms: 0.0,
                    samples_done_at: None,
                });
                Reply::Progress {
                    run,
                    done: done as u64,
                    total: total as u64,
                }
            }
            None => Reply::Failed {
                run,
                message: "no input of the scenario is given as a range".to_string(),
            },
        }
    }

    /// Whether a run is under way.
    pub fn busy(&self) -> bool {
        self.current.is_some()
    }

    /// Runs the run under way for about `budget_ms` by the clock `now` (milliseconds since
    /// 1970), checking it every `step` evaluations; answers its progress, or what it made once
    /// done. `None` when no run is under way.
    pub fn slice(&mut self, budget_ms: f64, step: usize, now: &dyn Fn() -> f64) -> Option<Reply> {
        let current = self.current.as_mut()?;
        let started = now();
        loop {
            let done = current.simulation.step(step);
            let at = now();
            if current.samples_done_at.is_none() && current.simulation.samples_done() {
                current.samples_done_at = Some(at);
                current.computing_ms += at - started;
            }
            if done {
                let Current {
                    run,
                    simulation,
                    computing_ms,
                    samples_done_at,
                } = self.current.take()?;
                return Some(Reply::Done {
                    run,
                    computing_ms,
                    samples_done_at: samples_done_at.unwrap_or(at),
                    uncertainty: Box::new(simulation.finish()),
                });
            }
            if at - started >= budget_ms {
                if current.samples_done_at.is_none() {
                    current.computing_ms += at - started;
                }
                let (done, total) = current.simulation.progress();
                return Some(Reply::Progress {
                    run: current.run,
                    done: done as u64,
                    total: total as u64,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets;
    use crate::scenario::ranges::read_unchecked;

    fn ranged() -> crate::scenario::Scenario {
        let mut s = presets::by_id("agent-platform").unwrap().scenario();
        s.ranges.insert(
            "workload.runs_per_day".to_string(),
            read_unchecked("8000..12000").unwrap(),
        );
        s.uncertainty.samples = 1_000.0;
        s
    }

    /// A run through the sampler, its replies encoded and read back as the page reads them,
    /// makes exactly what the run makes in one go.
    #[test]
    fn the_worker_makes_what_the_run_makes() {
        let s = ranged();
        let request = Request {
            run: 7,
            link: link::encode(&s),
        };
        let mut sampler = Sampler::default();
        let first = sampler.start(&request.to_text());
        assert!(
            matches!(
                first,
                Reply::Progress {
                    run: 7,
                    done: 0,
                    ..
                }
            ),
            "{first:?}"
        );
        let mut last = 0;
        let clock = std::cell::Cell::new(0.0);
        let tick = || {
            clock.set(clock.get() + 1.0);
            clock.get()
        };
        let made = loop {
            let reply = sampler.slice(5.0, 8, &tick).unwrap();
            let read = Reply::from_bytes(&reply.to_bytes()).unwrap();
            assert_eq!(read, reply);
            match read {
                Reply::Progress { run, done, total } => {
                    assert_eq!(run, 7);
                    assert!(done > last && done < total);
                    last = done;
                }
                Reply::Done {
                    run, uncertainty, ..
                } => {
                    assert_eq!(run, 7);
                    break uncertainty;
                }
                other => panic!("{other:?}"),
            }
        };
        assert!(!sampler.busy());
        assert_eq!(*made, engine::uncertainty::simulate(&s).unwrap());
    }

    /// A new request drops the run under way; what cannot be run says why.
    #[test]
    fn a_request_replaces_the_run_and_a_bad_one_says_why() {
        let s = ranged();
        let mut sampler = Sampler::default();
        sampler.start(
            &Request {
                run: 1,
                link: link::encode(&s),
            }
            .to_text(),
        );
        let mut point = s.clone();
        point.ranges = Default::default();
        let reply = sampler.start(
            &Request {
                run: 2,
                link: link::encode(&point),
            }
            .to_text(),
        );
        assert!(matches!(reply, Reply::Failed { run: 2, .. }), "{reply:?}");
        assert!(!sampler.busy());
        let reply = sampler.start(&format!("{PROTOCOL} 3 v9.garbage"));
        assert!(matches!(reply, Reply::Failed { run: 3, .. }), "{reply:?}");
        let reply = sampler.start("0 4 v9.anything");
        let Reply::Failed { message, .. } = reply else {
            panic!("{reply:?}")
        };
        assert!(message.contains("reload the page"), "{message}");
        assert!(Reply::from_bytes(&[0xff, 0xff]).is_err());
    }
}
