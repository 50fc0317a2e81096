//! Units and the time conventions every calculation shares.
//!
//! Every number the engine reads or makes carries a [`Unit`]. Calendar conventions are named here
//! and nowhere else: a day is 86,400 seconds; a month is [`DEFAULT_HOURS_PER_MONTH`] hours unless
//! the scenario says otherwise (`deal.hours_per_month`); a year is 12 such months. Sizes are
//! decimal (1 KB = 1,000 bytes, 1 GB = 10⁹ bytes) except where a provider bills in binary units
//! (GiB of Cloud Run memory), which the unit then names.

/// Seconds in a day.
pub const SECONDS_PER_DAY: f64 = 86_400.0;

/// Hours in a billing month when the scenario does not say otherwise: the convention of the AWS
/// and Google Cloud pricing calculators (365 days × 24 hours ÷ 12 months = 730).
pub const DEFAULT_HOURS_PER_MONTH: f64 = 730.0;

/// Days in a billing month of `hours_per_month` hours.
pub fn days_per_month(hours_per_month: f64) -> f64 {
    hours_per_month / 24.0
}

/// Months in a contract year.
pub const MONTHS_PER_YEAR: f64 = 12.0;

/// Bytes in a (decimal) kilobyte.
pub const BYTES_PER_KB: f64 = 1_000.0;

/// Bytes in a (decimal) gigabyte.
pub const BYTES_PER_GB: f64 = 1_000_000_000.0;

/// Tokens in the "million tokens" that LLM prices are quoted per.
pub const TOKENS_PER_MILLION: f64 = 1_000_000.0;

/// The unit of an input or a metric.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Unit {
    /// A plain count (runs, steps, customers).
    Count,
    /// Runs per day.
    RunsPerDay,
    /// Runs per second.
    RunsPerSecond,
    /// Runs per hour.
    RunsPerHour,
    /// Steps per day.
    StepsPerDay,
    /// Steps per run.
    StepsPerRun,
    /// Steps per second.
    StepsPerSecond,
    /// Tool calls per day.
    ToolCallsPerDay,
    /// Tool calls in flight at once.
    ToolCalls,
    /// LLM calls per day.
    CallsPerDay,
    /// Worker slots (steps a pool runs at once).
    Slots,
    /// Events per second.
    EventsPerSecond,
    /// Events per step.
    EventsPerStep,
    /// Concurrent runs (in flight at once).
    ConcurrentRuns,
    /// Concurrent requests (in flight at once).
    ConcurrentRequests,
    /// Open connections.
    Connections,
    /// Clients per run.
    ClientsPerRun,
    /// LLM calls per step.
    CallsPerStep,
    /// Tokens per LLM call.
    TokensPerCall,
    /// Tokens per run.
    TokensPerRun,
    /// Tokens per day.
    TokensPerDay,
    /// Requests per month.
    RequestsPerMonth,
    /// Requests per minute.
    RequestsPerMinute,
    /// Tokens per minute.
    TokensPerMinute,
    /// A ratio (peak ÷ average).
    Ratio,
    /// A percentage, 0–100.
    Percent,
    /// Seconds.
    Seconds,
    /// Hours.
    Hours,
    /// Days.
    Days,
    /// Kilobytes (1,000 bytes).
    Kilobytes,
    /// Gigabytes (10⁹ bytes).
    Gigabytes,
    /// Gigabytes per day.
    GigabytesPerDay,
    /// vCPUs.
    Vcpu,
    /// Gibibytes (2³⁰ bytes) of memory.
    Gibibytes,
    /// Container instances.
    Instances,
    /// vCPU-seconds (CPU time).
    VcpuSeconds,
    /// vCPU-seconds per month.
    VcpuSecondsPerMonth,
    /// GiB-seconds per month.
    GibSecondsPerMonth,
    /// US dollars.
    Usd,
    /// US dollars per day.
    UsdPerDay,
    /// US dollars per month.
    UsdPerMonth,
    /// US dollars per year.
    UsdPerYear,
    /// US dollars per million tokens.
    UsdPerMillionTokens,
    /// Runs started per minute.
    RunsPerMinute,
    /// Requests per second.
    RequestsPerSecond,
    /// Requests per second from each concurrent user.
    RequestsPerUserPerSecond,
    /// People using the product.
    Users,
    /// Milliseconds.
    Milliseconds,
    /// Database operations per day.
    OpsPerDay,
    /// Database operations per second.
    OpsPerSecond,
    /// Aurora capacity units.
    Acu,
    /// Gigabytes per month.
    GigabytesPerMonth,
    /// Megabits per second (10⁶ bits), a rate of data on average.
    MegabitsPerSecond,
    /// Millions per month (I/O requests).
    MillionsPerMonth,
    /// Events or messages per day.
    EventsPerDay,
    /// Messages per second.
    MessagesPerSecond,
    /// Workflow definitions.
    Workflows,
    /// US dollars per hour.
    UsdPerHour,
    /// Load balancer capacity units.
    Lcu,
    /// Mebibytes (2²⁰ bytes), as Cloud Monitoring bills metric data.
    Mebibytes,
    /// A choice or text, no unit.
    None,
}

impl Unit {
    /// The short symbol shown beside a number, e.g. `runs/s`.
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Count => "",
            Unit::RunsPerDay => "runs/day",
            Unit::RunsPerSecond => "runs/s",
            Unit::RunsPerHour => "runs/h",
            Unit::StepsPerDay => "steps/day",
            Unit::StepsPerRun => "steps/run",
            Unit::StepsPerSecond => "steps/s",
            Unit::ToolCallsPerDay => "tool calls/day",
            Unit::ToolCalls => "tool calls",
            Unit::CallsPerDay => "calls/day",
            Unit::Slots => "slots",
            Unit::EventsPerSecond => "events/s",
            Unit::EventsPerStep => "events/step",
            Unit::ConcurrentRuns => "runs",
            Unit::ConcurrentRequests => "requests",
            Unit::Connections => "connections",
            Unit::ClientsPerRun => "clients/run",
            Unit::CallsPerStep => "calls/step",
            Unit::TokensPerCall => "tokens/call",
            Unit::TokensPerRun => "tokens/run",
            Unit::TokensPerDay => "tokens/day",
            Unit::RequestsPerMonth => "requests/month",
            Unit::RequestsPerMinute => "requests/min",
            Unit::TokensPerMinute => "tokens/min",
            Unit::Ratio => "×",
            Unit::Percent => "%",
            Unit::Seconds => "s",
            Unit::Hours => "h",
            Unit::Days => "days",
            Unit::Kilobytes => "KB",
            Unit::Gigabytes => "GB",
            Unit::GigabytesPerDay => "GB/day",
            Unit::Vcpu => "vCPU",
            Unit::Gibibytes => "GiB",
            Unit::Instances => "instances",
            Unit::VcpuSeconds => "vCPU-s",
            Unit::VcpuSecondsPerMonth => "vCPU-s/month",
            Unit::GibSecondsPerMonth => "GiB-s/month",
            Unit::Usd => "USD",
            Unit::UsdPerDay => "USD/day",
            Unit::UsdPerMonth => "USD/month",
            Unit::UsdPerYear => "USD/year",
            Unit::UsdPerMillionTokens => "USD/1M tokens",
            Unit::RunsPerMinute => "runs/min",
            Unit::RequestsPerSecond => "requests/s",
            Unit::RequestsPerUserPerSecond => "requests/s per user",
            Unit::Users => "users",
            Unit::Milliseconds => "ms",
            Unit::OpsPerDay => "ops/day",
            Unit::OpsPerSecond => "ops/s",
            Unit::Acu => "ACU",
            Unit::GigabytesPerMonth => "GB/month",
            Unit::MegabitsPerSecond => "Mbps",
            Unit::MillionsPerMonth => "million/month",
            Unit::EventsPerDay => "events/day",
            Unit::MessagesPerSecond => "msg/s",
            Unit::Workflows => "workflows",
            Unit::UsdPerHour => "USD/hour",
            Unit::Lcu => "LCU",
            Unit::Mebibytes => "MiB",
            Unit::None => "",
        }
    }

    /// The symbol beside a particular value: singular for a value shown as one (`1 instance`,
    /// `2 instances`; 0.999 shows as `1 instance` too, as figures from 1 to 10 show two
    /// decimals).
    pub fn symbol_for(self, value: f64) -> &'static str {
        match (self, (0.995..1.005).contains(&value)) {
            (Unit::ConcurrentRuns, true) => "run",
            (Unit::ConcurrentRequests, true) => "request",
            (Unit::Connections, true) => "connection",
            (Unit::Instances, true) => "instance",
            (Unit::Days, true) => "day",
            (Unit::Users, true) => "user",
            (Unit::ToolCalls, true) => "tool call",
            (Unit::Slots, true) => "slot",
            (unit, _) => unit.symbol(),
        }
    }

    /// Whether the value is an amount billed for a period (a day, a month, a year), which is
    /// counted in whole cents however small, unlike a unit cost or a price.
    pub fn is_amount_per_period(self) -> bool {
        matches!(self, Unit::UsdPerDay | Unit::UsdPerMonth | Unit::UsdPerYear)
    }

    /// Whether the value is an amount of money (formatted with a dollar sign).
    pub fn is_money(self) -> bool {
        matches!(
            self,
            Unit::Usd
                | Unit::UsdPerDay
                | Unit::UsdPerMonth
                | Unit::UsdPerYear
                | Unit::UsdPerMillionTokens
                | Unit::UsdPerHour
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Unit;

    #[test]
    fn one_is_singular_as_it_is_shown() {
        assert_eq!(Unit::Instances.symbol_for(1.0), "instance");
        assert_eq!(Unit::Instances.symbol_for(0.999_999), "instance");
        assert_eq!(Unit::Instances.symbol_for(1.004), "instance");
        assert_eq!(Unit::Instances.symbol_for(1.01), "instances");
        assert_eq!(Unit::Instances.symbol_for(0.99), "instances");
        assert_eq!(
            crate::format::with_unit(1.000_000_1, Unit::Instances),
            "1 instance"
        );
    }
}
