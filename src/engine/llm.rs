//! LLM usage and cost: calls, tokens, the per-call price from the catalog (or the user's custom
//! prices), and the per-run token budget. Line numbers refer to seed document 000.

use super::load::Load;
use super::{Builder, n, ratio, usd};
use crate::report::Severity;
use crate::scenario::{CUSTOM_MODEL, Scenario};
use crate::units::{TOKENS_PER_MILLION, Unit};

/// The LLM figures later families build on.
#[derive(Clone, Copy, Debug)]
pub struct LlmCost {
    /// LLM spend per billing month.
    pub cost_per_month_usd: f64,
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
    if l.model == CUSTOM_MODEL {
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
        TokenPrices {
            input: out.price(&format!("llm.{}.input", l.model)),
            cached_input: out.price(&format!("llm.{}.cached_input", l.model)),
            output: out.price(&format!("llm.{}.output", l.model)),
        }
    }
}

/// Evaluates the LLM section.
pub fn evaluate(s: &Scenario, load: &Load, out: &mut Builder) -> LlmCost {
    let l = &s.llm;
    let w = &s.workload;
    let tokens_per_call = l.input_tokens_per_call + l.output_tokens_per_call;
    let calls_per_day = out.metric(
        "llm.calls_per_day",
        "LLM calls per day",
        Unit::Count,
        load.steps_per_day * l.calls_per_step,
        format!(
            "steps per day × LLM calls per step = {} × {}",
            n(load.steps_per_day),
            n(l.calls_per_step)
        ),
    );
    out.metric(
        "llm.tokens_per_day",
        "Tokens per day",
        Unit::TokensPerDay,
        calls_per_day * tokens_per_call,
        format!(
            "LLM calls per day × (input + output tokens per call) = {} × ({} + {})",
            n(calls_per_day),
            n(l.input_tokens_per_call),
            n(l.output_tokens_per_call)
        ),
    );
    let tokens_per_run = out.metric(
        "llm.tokens_per_run",
        "Tokens per run (average)",
        Unit::TokensPerRun,
        w.steps_per_run * l.calls_per_step * tokens_per_call,
        format!(
            "steps per run × calls per step × tokens per call = {} × {} × {}",
            n(w.steps_per_run),
            n(l.calls_per_step),
            n(tokens_per_call)
        ),
    );
    let tokens_at_cap = out.metric(
        "llm.tokens_per_run_at_step_cap",
        "Tokens per run at the step cap",
        Unit::TokensPerRun,
        w.max_steps_per_run * l.calls_per_step * tokens_per_call,
        format!(
            "step cap × calls per step × tokens per call = {} × {} × {}",
            n(w.max_steps_per_run),
            n(l.calls_per_step),
            n(tokens_per_call)
        ),
    );
    let prices = prices(s, out);
    let cached_share = l.cached_input_share_pct / 100.0;
    let per_call = out.metric(
        "llm.cost_per_call_usd",
        "Cost per LLM call",
        Unit::Usd,
        cost_per_call(l.input_tokens_per_call, l.output_tokens_per_call, cached_share, prices),
        format!(
            "(input × (1 − cached share) × input price + input × cached share × cached price + output × output price) ÷ 1M = ({} × {} × {} + {} × {} × {} + {} × {}) ÷ 1M",
            n(l.input_tokens_per_call),
            n(1.0 - cached_share),
            usd(prices.input),
            n(l.input_tokens_per_call),
            n(cached_share),
            usd(prices.cached_input),
            n(l.output_tokens_per_call),
            usd(prices.output)
        ),
    );
    let per_day = out.metric(
        "llm.cost_per_day_usd",
        "LLM cost per day",
        Unit::UsdPerDay,
        calls_per_day * per_call,
        format!(
            "LLM calls per day × cost per call = {} × {}",
            n(calls_per_day),
            usd(per_call)
        ),
    );
    let days = s.days_per_month();
    let per_month = out.metric(
        "llm.cost_per_month_usd",
        "LLM cost per month",
        Unit::UsdPerMonth,
        per_day * days,
        format!(
            "LLM cost per day × days per month = {} × {} (= {} h ÷ 24)",
            usd(per_day),
            n(days),
            n(s.deal.hours_per_month)
        ),
    );
    let steps_per_call_budget = ratio(l.token_budget_per_run, l.calls_per_step * tokens_per_call);
    let runaway_cost = out.metric(
        "llm.cost_per_run_at_step_cap_usd",
        "Cost of a run that hits the step cap",
        Unit::Usd,
        w.max_steps_per_run * l.calls_per_step * per_call,
        format!(
            "step cap × calls per step × cost per call = {} × {} × {}",
            n(w.max_steps_per_run),
            n(l.calls_per_step),
            usd(per_call)
        ),
    );
    if tokens_per_run > l.token_budget_per_run {
        out.warn(
            "llm.run_exceeds_token_budget",
            Severity::Warning,
            format!(
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
            format!(
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
            format!(
                "The token budget ({} tokens) never binds: a run at the {}-step cap uses {} tokens and costs {}.",
                n(l.token_budget_per_run),
                n(w.max_steps_per_run),
                n(tokens_at_cap),
                usd(runaway_cost)
            ),
        );
    }
    LlmCost {
        cost_per_month_usd: per_month,
    }
}
