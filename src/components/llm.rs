//! LLM usage and cost: calls, tokens, the per-call price from the catalog (or the user's custom
//! prices), and the per-run token budget. Line numbers refer to seed document 000.

use super::Component;
use crate::engine::Arg::{N, Usd};
use crate::engine::{Builder, Served, load::Load, n, ratio, usd};
use crate::report::{Category, Severity};
use crate::scenario::Scenario;
use crate::scenario::fields::Section;
use crate::scenario::inputs::{CUSTOM, CatalogOptions, Input, inputs};
use crate::units::{TOKENS_PER_MILLION, Unit};

fn custom_model(l: &Llm) -> bool {
    l.model == CUSTOM
}

inputs! {
    /// The LLM calls each step makes and what they cost.
    pub struct Llm {
        /// Whether runs call a language model.
        pub enabled: bool = true
            => Input::switch("Language model", "Steps call an LLM", "No LLM calls")
                .help("Whether each step of a run calls a language model.")
                .since(6),
        /// Catalog model id, or `custom` for the prices typed below.
        pub model: String = CUSTOM.to_string()
            => Input::catalog("Model", CatalogOptions::LlmModels)
                .help("The model each LLM call uses, priced from the catalog; choose Custom prices to type your own.")
                .since(1),
        /// Custom model: USD per million input tokens.
        pub custom_input_usd_per_mtok: f64 = 3.0
            => Input::number("Custom input price", Unit::UsdPerMillionTokens, 0.0, 1_000.0)
                .help("Your model's price per million input tokens.")
                .since(1)
            => if custom_model,
        /// Custom model: USD per million cached input tokens.
        pub custom_cached_input_usd_per_mtok: f64 = 3.0
            => Input::number("Custom cached-input price", Unit::UsdPerMillionTokens, 0.0, 1_000.0)
                .help("Your model's price per million input tokens served from the prompt cache.")
                .since(1)
            => if custom_model,
        /// Custom model: USD per million output tokens.
        pub custom_output_usd_per_mtok: f64 = 15.0
            => Input::number("Custom output price", Unit::UsdPerMillionTokens, 0.0, 1_000.0)
                .help("Your model's price per million output tokens.")
                .since(1)
            => if custom_model,
        /// Input (prompt) tokens per call.
        pub input_tokens_per_call: f64 = 2_000.0
            => Input::number("Input tokens per call", Unit::TokensPerCall, 0.0, 10_000_000.0)
                .help("Prompt tokens sent with each LLM call (instructions, context, tool results).")
                .since(1),
        /// Output (completion) tokens per call.
        pub output_tokens_per_call: f64 = 500.0
            => Input::number("Output tokens per call", Unit::TokensPerCall, 0.0, 1_000_000.0)
                .help("Tokens the model writes in answer to each call.")
                .since(1),
        /// Share of input tokens served from the provider's prompt cache, in percent.
        pub cached_input_share_pct: f64 = 0.0
            => Input::number("Input served from cache", Unit::Percent, 0.0, 100.0)
                .help("Share of input tokens billed at the cached-input price (a repeated prompt prefix).")
                .since(1),
        /// LLM calls per step.
        pub calls_per_step: f64 = 1.0
            => Input::number("LLM calls per step", Unit::CallsPerStep, 0.0, 100.0)
                .help("LLM calls each step makes; 1 in the usual one-call-per-activity design.")
                .since(1),
        /// Tokens one run may spend before it is stopped.
        pub token_budget_per_run: f64 = 50_000.0
            => Input::number("Token budget per run", Unit::TokensPerRun, 1.0, 1.0e9)
                .help("Tokens one run may spend before the platform stops it.")
                .since(1),
        /// The provider's limit on requests per minute; 0 when not known (then not checked).
        pub rate_limit_requests_per_min: f64 = 0.0
            => Input::number("Provider limit: requests", Unit::RequestsPerMinute, 0.0, 1.0e9)
                .help("The provider's requests-per-minute limit for your account and model; 0 if you do not know it (then it is not checked).")
                .since(2),
        /// The provider's limit on tokens (input + output) per minute; 0 when not known.
        pub rate_limit_tokens_per_min: f64 = 0.0
            => Input::number("Provider limit: tokens", Unit::TokensPerMinute, 0.0, 1.0e12)
                .help("The provider's tokens-per-minute limit (input + output); 0 if you do not know it.")
                .since(2),
    }
}

impl Section for Llm {
    const TITLE: &'static str = "LLM";
    const SWITCH: Option<&'static str> = Some("enabled");
    const ADDS: &'static str = "a language model called at each step, billed by token";
    const NEEDS_RUNS: bool = true;
}

impl Component for Llm {
    fn category(&self) -> Category {
        Category::LLM
    }

    fn evaluate(&self, served: &Served, out: &mut Builder) {
        evaluate(served.scenario, served.load, out);
    }
}

/// Prices of one model, USD per million tokens.
#[derive(Clone, Copy, Debug)]
pub struct TokenPrices {
    /// Uncached input tokens.
    pub input: f64,
    /// Input tokens served from the prompt cache.
    pub cached_input: f64,
    /// Output tokens.
    pub output: f64,
}

/// Cost of one LLM call: input tokens split between the cached and uncached price, plus output
/// tokens, each priced per million (lines 64–66 with a cached share of 0; the cached-input
/// price is the providers' list price for prompt-cache hits).
pub fn cost_per_call(
    input_tokens: f64,
    output_tokens: f64,
    cached_share: f64,
    prices: TokenPrices,
) -> f64 {
    let uncached = input_tokens * (1.0 - cached_share) * prices.input;
    let cached = input_tokens * cached_share * prices.cached_input;
    let output = output_tokens * prices.output;
    (uncached + cached + output) / TOKENS_PER_MILLION
}

fn prices(s: &Scenario, out: &mut Builder) -> TokenPrices {
    let l = &s.llm;
    if l.model == CUSTOM {
        let unit = "USD per million tokens";
        TokenPrices {
            input: out.typed_price(
                "custom.input",
                "Custom model: input tokens",
                unit,
                l.custom_input_usd_per_mtok,
            ),
            cached_input: out.typed_price(
                "custom.cached_input",
                "Custom model: cached input tokens",
                unit,
                l.custom_cached_input_usd_per_mtok,
            ),
            output: out.typed_price(
                "custom.output",
                "Custom model: output tokens",
                unit,
                l.custom_output_usd_per_mtok,
            ),
        }
    } else {
        // `llm.<model>.<part>`, written into one string: read at every sample of a run.
        let mut id = format!("llm.{}.", l.model);
        let stem = id.len();
        let mut price = |part: &str| {
            id.truncate(stem);
            id.push_str(part);
            out.price(&id)
        };
        TokenPrices {
            input: price("input"),
            cached_input: price("cached_input"),
            output: price("output"),
        }
    }
}

/// Calls, tokens, their cost, the token budget and the provider's rate limits.
fn evaluate(s: &Scenario, load: &Load, out: &mut Builder) {
    let l = &s.llm;
    let w = &s.workload;
    let tokens_per_call = l.input_tokens_per_call + l.output_tokens_per_call;
    let calls_per_day = out.figure(
        "llm.calls_per_day",
        "LLM calls per day",
        Unit::CallsPerDay,
        load.steps_per_day * l.calls_per_step,
        "steps per day × LLM calls per step = {} × {}",
        &[N(load.steps_per_day), N(l.calls_per_step)],
    );
    out.figure(
        "llm.tokens_per_day",
        "Tokens per day",
        Unit::TokensPerDay,
        calls_per_day * tokens_per_call,
        "LLM calls per day × (input + output tokens per call) = {} × ({} + {})",
        &[
            N(calls_per_day),
            N(l.input_tokens_per_call),
            N(l.output_tokens_per_call),
        ],
    );
    let tokens_per_run = out.figure(
        "llm.tokens_per_run",
        "Tokens per run (average)",
        Unit::TokensPerRun,
        w.steps_per_run * l.calls_per_step * tokens_per_call,
        "steps per run × calls per step × tokens per call = {} × {} × {}",
        &[N(w.steps_per_run), N(l.calls_per_step), N(tokens_per_call)],
    );
    let tokens_at_cap = out.figure(
        "llm.tokens_per_run_at_step_cap",
        "Tokens per run at the step cap",
        Unit::TokensPerRun,
        w.max_steps_per_run * l.calls_per_step * tokens_per_call,
        "step cap × calls per step × tokens per call = {} × {} × {}",
        &[
            N(w.max_steps_per_run),
            N(l.calls_per_step),
            N(tokens_per_call),
        ],
    );
    let prices = prices(s, out);
    let cached_share = l.cached_input_share_pct / 100.0;
    let per_call = out.figure(
        "llm.cost_per_call_usd",
        "Cost per LLM call",
        Unit::Usd,
        cost_per_call(l.input_tokens_per_call, l.output_tokens_per_call, cached_share, prices),
        "(input × (1 − cached share) × input price + input × cached share × cached price + output × output price) ÷ 1M = ({} × {} × {} + {} × {} × {} + {} × {}) ÷ 1M",
        &[
            N(l.input_tokens_per_call),
            N(1.0 - cached_share),
            Usd(prices.input),
            N(l.input_tokens_per_call),
            N(cached_share),
            Usd(prices.cached_input),
            N(l.output_tokens_per_call),
            Usd(prices.output),
        ],
    );
    let per_day = out.figure(
        "llm.cost_per_day_usd",
        "LLM cost per day",
        Unit::UsdPerDay,
        calls_per_day * per_call,
        "LLM calls per day × cost per call = {} × {}",
        &[N(calls_per_day), Usd(per_call)],
    );
    let per_month_days = s.days_per_month();
    let per_month = out.figure(
        "llm.cost_per_month_usd",
        "LLM cost per month",
        Unit::UsdPerMonth,
        per_day * per_month_days,
        "LLM cost per day × days per month = {} × {} (= {} h ÷ 24)",
        &[Usd(per_day), N(per_month_days), N(s.deal.hours_per_month)],
    );
    out.cost("llm.cost_per_month_usd", s.llm.category(), "LLM", per_month);
    let steps_per_call_budget = ratio(l.token_budget_per_run, l.calls_per_step * tokens_per_call);
    let runaway_cost = out.figure(
        "llm.cost_per_run_at_step_cap_usd",
        "Cost of a run that hits the step cap",
        Unit::Usd,
        w.max_steps_per_run * l.calls_per_step * per_call,
        "step cap × calls per step × cost per call = {} × {} × {}",
        &[N(w.max_steps_per_run), N(l.calls_per_step), Usd(per_call)],
    );
    out.figure(
        "llm.token_budget_used_pct",
        "Average run's tokens as a share of the budget",
        Unit::Percent,
        100.0 * ratio(tokens_per_run, l.token_budget_per_run),
        "tokens per run ÷ token budget per run = {} ÷ {}",
        &[N(tokens_per_run), N(l.token_budget_per_run)],
    );
    if tokens_per_run > l.token_budget_per_run {
        out.warn(
            "llm.run_exceeds_token_budget",
            Severity::Warning,
            || format!(
                "An average run uses {} tokens, above its budget of {}: runs would be stopped after about {} steps instead of completing {}.",
                n(tokens_per_run),
                n(l.token_budget_per_run),
                n(steps_per_call_budget.floor()),
                n(w.steps_per_run)
            ),
        );
    } else if tokens_at_cap > l.token_budget_per_run {
        out.warn(
            "llm.token_budget_stops_runaways",
            Severity::Info,
            || format!(
                "The token budget ({} tokens) stops a runaway run after about {} steps, before the {}-step cap that would cost {}.",
                n(l.token_budget_per_run),
                n(steps_per_call_budget.floor()),
                n(w.max_steps_per_run),
                usd(runaway_cost)
            ),
        );
    } else {
        out.warn(
            "llm.token_budget_never_binds",
            Severity::Info,
            || format!(
                "The token budget ({} tokens) never binds: a run at the {}-step cap uses {} tokens and costs {}.",
                n(l.token_budget_per_run),
                n(w.max_steps_per_run),
                n(tokens_at_cap),
                usd(runaway_cost)
            ),
        );
    }
    rate_limits(s, load, tokens_per_call, out);
}

/// Share of requests refused when demand exceeds a rate limit: the part above the limit
/// (a provider answers it with 429 Too Many Requests).
pub fn refused_share(demand: f64, limit: f64) -> f64 {
    ratio((demand - limit).max(0.0), demand)
}

/// The provider's per-minute limits against the peak hour's calls and tokens. LLM calls are
/// spread over a run's steps, so at the peak there are peak runs/s × steps × calls per step
/// calls a second.
fn rate_limits(s: &Scenario, load: &Load, tokens_per_call: f64, out: &mut Builder) {
    let l = &s.llm;
    let calls_per_run = s.workload.steps_per_run * l.calls_per_step;
    let peak_calls = out.figure(
        "llm.peak_calls_per_min",
        "Peak LLM calls per minute",
        Unit::RequestsPerMinute,
        load.peak_runs_per_sec * calls_per_run * 60.0,
        "peak runs/s × steps per run × calls per step × 60 s = {} × {} × {} × 60",
        &[
            N(load.peak_runs_per_sec),
            N(s.workload.steps_per_run),
            N(l.calls_per_step),
        ],
    );
    let peak_tokens = out.figure(
        "llm.peak_tokens_per_min",
        "Peak tokens per minute",
        Unit::TokensPerMinute,
        peak_calls * tokens_per_call,
        "peak calls per minute × tokens per call = {} × {}",
        &[N(peak_calls), N(tokens_per_call)],
    );
    let limits = [
        (
            "llm.rate_limit_requests_used_pct",
            "Peak calls as a share of the request limit",
            "LLM requests per minute",
            "requests",
            peak_calls,
            l.rate_limit_requests_per_min,
        ),
        (
            "llm.rate_limit_tokens_used_pct",
            "Peak tokens as a share of the token limit",
            "LLM tokens per minute",
            "tokens",
            peak_tokens,
            l.rate_limit_tokens_per_min,
        ),
    ];
    for (id, label, limit_label, what, demand, limit) in limits {
        if limit <= 0.0 {
            out.unchecked(limit_label);
            continue;
        }
        let used = out.metric(
            id,
            label,
            Unit::Percent,
            100.0 * ratio(demand, limit),
            || {
                format!(
                    "peak {what} per minute ÷ limit = {} ÷ {}",
                    n(demand),
                    n(limit)
                )
            },
        );
        out.limit(limit_label, id);
        if used > 100.0 {
            out.warn(
                "llm.rate_limit_exceeded",
                Severity::Warning,
                || format!(
                    "At the peak the model is asked for {} {what} a minute against a limit of {}: about {}% of calls would be refused (HTTP 429) unless the limit is raised or calls are queued.",
                    n(demand),
                    n(limit),
                    n(100.0 * refused_share(demand, limit))
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::refused_share;
    use crate::engine;
    use crate::scenario::presets;

    #[test]
    fn demand_above_a_limit_is_refused_in_proportion() {
        assert_eq!(refused_share(125.0, 100.0), 0.2);
        assert_eq!(refused_share(80.0, 100.0), 0.0);
        assert_eq!(refused_share(0.0, 100.0), 0.0);
    }

    #[test]
    fn peak_calls_against_the_provider_limits() {
        // 0.34722 peak runs/s × 6 steps × 1 call × 60 s = 125 calls and 312,500 tokens a minute.
        let mut s = presets::by_id("agent-platform").unwrap().scenario();
        s.llm.rate_limit_requests_per_min = 100.0;
        s.llm.rate_limit_tokens_per_min = 1_000_000.0;
        let report = engine::evaluate(&s);
        assert!((report.value("llm.peak_calls_per_min").unwrap() - 125.0).abs() < 1e-9);
        assert!((report.value("llm.peak_tokens_per_min").unwrap() - 312_500.0).abs() < 1e-6);
        assert!((report.value("llm.rate_limit_requests_used_pct").unwrap() - 125.0).abs() < 1e-9);
        assert!((report.value("llm.rate_limit_tokens_used_pct").unwrap() - 31.25).abs() < 1e-9);
        let refused: Vec<_> = report
            .warnings
            .iter()
            .filter(|w| w.id == "llm.rate_limit_exceeded")
            .collect();
        assert_eq!(refused.len(), 1);
        assert!(
            refused[0].message.contains("about 20% of calls"),
            "{}",
            refused[0].message
        );
    }
}
