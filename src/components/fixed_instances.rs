//! Instances at a fixed hourly price the user types, as a platform for a service (a VM, a
//! node's share, a reserved instance): Headroom has no list price for them.

use crate::engine::services::Usage;
use crate::engine::{Builder, n, usd};
use crate::scenario::Service;
use crate::units::Unit;

/// The month's bill: instances running on average × hours × the price per instance-hour, with
/// how it was made; a price still at 0 is noted, so that the line is not mistaken for free.
pub fn bill(service: &Service, name: &str, usage: &Usage, out: &mut Builder) -> (f64, String) {
    let hours = usage.hours_per_month;
    if service.usd_per_instance_hour <= 0.0 {
        out.price_not_typed(
            &format!("{name} on fixed instances"),
            "its price per instance-hour",
        );
    }
    let cost = usage.running * hours * service.usd_per_instance_hour;
    let how = out.formula(cost, Unit::UsdPerMonth, || {
        format!(
            "instances × hours × price per instance-hour (typed) = {} × {} × {} = {}",
            n(usage.running),
            n(hours),
            usd(service.usd_per_instance_hour),
            usd(cost)
        )
    });
    (cost, how)
}
