//! The remaining monthly lines: the cache cluster (ElastiCache node-hours or a typed price),
//! the event bus or broker (seed 004, "Message Queue Capacity"), and the fixed costs the user
//! adds (seed 003, Part 6: monitoring, support, misc).

use super::{Builder, n, ratio, usd};
use crate::report::{CostCategory, Severity};
use crate::scenario::{CUSTOM_MODEL, MessagingKind, Scenario};
use crate::units::{SECONDS_PER_DAY, Unit};

/// Evaluates the cache, messaging and fixed costs.
pub fn evaluate(s: &Scenario, out: &mut Builder) {
    let hours = s.deal.hours_per_month;
    if s.cache.enabled {
        let c = &s.cache;
        if c.node == CUSTOM_MODEL && c.custom_usd_per_node_hour <= 0.0 {
            out.price_not_typed("The cache has custom nodes", "the price per node-hour");
        }
        let node_hour = if c.node == CUSTOM_MODEL {
            out.typed_price(
                "cache.custom_node_hour",
                "Cache node-hour (typed)",
                "USD per node-hour",
                c.custom_usd_per_node_hour,
            )
        } else {
            out.price(&c.node)
        };
        let cost = out.metric(
            "cache.cost_monthly_usd",
            "Cache cluster",
            Unit::UsdPerMonth,
            c.nodes * hours * node_hour,
            || {
                format!(
                    "nodes × hours × price per node-hour = {} × {} × {}",
                    n(c.nodes),
                    n(hours),
                    usd(node_hour)
                )
            },
        );
        out.cost("cache.cost_monthly_usd", CostCategory::Cache, "Cache", cost);
    }
    let m = &s.messaging;
    if m.kind != MessagingKind::None {
        let peak = out.metric(
            "messaging.peak_msgs_per_sec",
            "Peak messages per second",
            Unit::MessagesPerSecond,
            m.events_per_day / SECONDS_PER_DAY * m.peak_to_average,
            || {
                format!(
                    "events per day ÷ 86,400 × peak-to-average = {} ÷ 86,400 × {}",
                    n(m.events_per_day),
                    n(m.peak_to_average)
                )
            },
        );
        let days = s.days_per_month();
        match m.kind {
            MessagingKind::Eventbridge => {
                let per_million = out.price("aws.eventbridge.custom_per_million");
                let cost = out.metric(
                    "messaging.cost_monthly_usd",
                    "EventBridge",
                    Unit::UsdPerMonth,
                    m.events_per_day * days / 1.0e6 * per_million,
                    || {
                        format!(
                            "events per day × days ÷ 10⁶ × price per million (events up to 64 KB) = {} × {} ÷ 10⁶ × {}",
                            n(m.events_per_day),
                            n(days),
                            usd(per_million)
                        )
                    },
                );
                out.cost(
                    "messaging.cost_monthly_usd",
                    CostCategory::Messaging,
                    "EventBridge",
                    cost,
                );
            }
            _ => {
                let used = out.metric(
                    "messaging.broker_used_pct",
                    "Peak messages as a share of the broker's throughput",
                    Unit::Percent,
                    100.0 * ratio(peak, m.broker_capacity_msgs_per_s),
                    || {
                        format!(
                            "peak messages/s ÷ broker throughput = {} ÷ {}",
                            n(peak),
                            n(m.broker_capacity_msgs_per_s)
                        )
                    },
                );
                out.limit("Broker throughput", "messaging.broker_used_pct");
                if used > 100.0 {
                    out.warn(
                        "messaging.broker_saturated",
                        Severity::Warning,
                        format!(
                            "The peak publishes {} messages/s but the broker sustains {}: messages would back up. Choose a larger broker or spread the peak.",
                            n(peak),
                            n(m.broker_capacity_msgs_per_s)
                        ),
                    );
                }
                out.typed_cost(
                    "messaging.cost_monthly_usd",
                    CostCategory::Messaging,
                    "Message broker",
                    m.broker_usd_per_month,
                    (
                        "The scenario has a message broker",
                        "the broker's price per month",
                    ),
                );
            }
        }
    }
    for (i, line) in s.fixed_costs.iter().enumerate() {
        let name = if line.name.trim().is_empty() {
            format!("Fixed cost {}", i + 1)
        } else {
            line.name.trim().to_string()
        };
        let id = format!("fixed.{i}.cost_monthly_usd");
        let cost = out.metric(
            id.clone(),
            name.clone(),
            Unit::UsdPerMonth,
            line.usd_per_month,
            || format!("as typed = {}", usd(line.usd_per_month)),
        );
        out.cost(id, CostCategory::Fixed, name, cost);
    }
}
