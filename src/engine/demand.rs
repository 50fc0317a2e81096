//! Demand beyond runs: concurrent users and their daily and monthly actives (seed 002,
//! "Realistic User Capacity"), and customers or tenant groups with their own request rates and
//! database operations (seed 003, "3-Customer Load Analysis"). Together with the runs' stream
//! clients they give the requests and connections the services carry.

use super::load::Load;
use super::{Builder, n, ratio};
use crate::engine::Arg::N;
use crate::scenario::Scenario;
use crate::units::Unit;

/// The requests, connections and document operations the services and databases carry.
#[derive(Clone, Copy, Debug, Default)]
pub struct Demand {
    /// Requests per second at the peak, users and tenant groups together.
    pub peak_requests_per_sec: f64,
    /// Requests per second averaged over the day.
    pub avg_requests_per_sec: f64,
    /// Requests per month.
    pub requests_per_month: f64,
    /// Connections open at the peak: users' and the runs' stream clients.
    pub peak_connections: f64,
    /// Connections open on average.
    pub avg_connections: f64,
    /// Document reads per day.
    pub reads_per_day: f64,
    /// Document writes per day.
    pub writes_per_day: f64,
    /// Document deletes per day.
    pub deletes_per_day: f64,
}

/// Daily active users from the peak concurrent users and the share of daily actives online at
/// the peak: concurrent ÷ share (seed 002 lines 9–10: 500–1,000 concurrent, 10,000–20,000 daily).
pub fn daily_active_users(concurrent: f64, concurrent_pct_of_dau: f64) -> f64 {
    ratio(concurrent, concurrent_pct_of_dau / 100.0)
}

/// Monthly active users from daily actives and the daily share of monthly actives: DAU ÷ share
/// (seed 002 lines 10–11: 10,000–20,000 daily, 50,000–100,000 monthly).
pub fn monthly_active_users(daily: f64, dau_pct_of_mau: f64) -> f64 {
    ratio(daily, dau_pct_of_mau / 100.0)
}

/// Evaluates the users and the tenant groups.
pub fn evaluate(s: &Scenario, load: &Load, out: &mut Builder) -> Demand {
    let mut d = Demand::default();
    let u = &s.users;
    if u.enabled {
        let dau = out.figure(
            "demand.daily_active_users",
            "Daily active users",
            Unit::Users,
            daily_active_users(u.concurrent_peak, u.concurrent_pct_of_dau),
            "concurrent users at the peak ÷ concurrent share of daily actives = {} ÷ {}%",
            &[N(u.concurrent_peak), N(u.concurrent_pct_of_dau)],
        );
        out.figure(
            "demand.monthly_active_users",
            "Monthly active users",
            Unit::Users,
            monthly_active_users(dau, u.dau_pct_of_mau),
            "daily active users ÷ daily share of monthly actives = {} ÷ {}%",
            &[N(dau), N(u.dau_pct_of_mau)],
        );
        let avg_users = ratio(u.concurrent_peak, u.peak_to_average);
        d.peak_requests_per_sec += u.concurrent_peak * u.requests_per_user_per_s;
        d.avg_requests_per_sec += avg_users * u.requests_per_user_per_s;
        d.peak_connections += u.concurrent_peak * u.connections_per_user;
        d.avg_connections += avg_users * u.connections_per_user;
    }
    for group in &s.tenants {
        d.peak_requests_per_sec += group.peak_qps;
        d.avg_requests_per_sec += group.avg_qps;
        d.reads_per_day += group.reads_per_day;
        d.writes_per_day += group.writes_per_day;
        d.deletes_per_day += group.deletes_per_day;
    }
    let runs_streams = s.workload.enabled && s.workload.clients_per_run > 0.0;
    if runs_streams {
        d.peak_connections += load.peak_concurrent_runs * s.workload.clients_per_run;
        d.avg_connections += load.avg_concurrent_runs * s.workload.clients_per_run;
    }
    let sources = || {
        let mut parts = Vec::new();
        if u.enabled {
            parts.push(format!(
                "users {} × {}/s",
                n(u.concurrent_peak),
                n(u.requests_per_user_per_s)
            ));
        }
        for group in &s.tenants {
            parts.push(format!("{} {}", group.name, n(group.peak_qps)));
        }
        parts.join(" + ")
    };
    if u.enabled || !s.tenants.is_empty() {
        let peak = d.peak_requests_per_sec;
        out.metric(
            "demand.peak_requests_per_sec",
            "Peak requests per second",
            Unit::RequestsPerSecond,
            peak,
            || {
                format!(
                    "concurrent users × requests per user + Σ peak of each customer or group (all peaking together) = {} = {}",
                    sources(),
                    n(peak)
                )
            },
        );
        let avg = d.avg_requests_per_sec;
        out.figure(
            "demand.avg_requests_per_sec",
            "Average requests per second",
            Unit::RequestsPerSecond,
            avg,
            "concurrent users ÷ peak-to-average × requests per user + Σ average of each customer or group = {}",
            &[N(avg)],
        );
        let month_s = s.deal.hours_per_month * 3_600.0;
        d.requests_per_month = out.figure(
            "demand.requests_per_month",
            "Requests per month",
            Unit::RequestsPerMonth,
            avg * month_s,
            "average requests/s × seconds per month = {} × {}",
            &[N(avg), N(month_s)],
        );
    }
    if u.enabled
        || (runs_streams
            && s.services
                .iter()
                .any(|x| x.driver == crate::scenario::Driver::Connections))
    {
        let peak = d.peak_connections;
        out.figure(
            "demand.peak_connections",
            "Connections open at the peak",
            Unit::Connections,
            peak,
            "concurrent users × connections per user + peak concurrent runs × clients per run = {} × {} + {} × {}",
            &[
                N(if u.enabled { u.concurrent_peak } else { 0.0 }),
                N(if u.enabled { u.connections_per_user } else { 0.0 }),
                N(if runs_streams { load.peak_concurrent_runs } else { 0.0 }),
                N(if runs_streams { s.workload.clients_per_run } else { 0.0 }),
            ],
        );
    }
    if d.reads_per_day + d.writes_per_day + d.deletes_per_day > 0.0 {
        let (r, w, x) = (d.reads_per_day, d.writes_per_day, d.deletes_per_day);
        out.figure(
            "demand.document_reads_per_day",
            "Document reads per day",
            Unit::OpsPerDay,
            r,
            "Σ reads of each customer or group = {}",
            &[N(r)],
        );
        out.figure(
            "demand.document_writes_per_day",
            "Document writes per day",
            Unit::OpsPerDay,
            w,
            "Σ writes of each customer or group = {}",
            &[N(w)],
        );
        if x > 0.0 {
            out.figure(
                "demand.document_deletes_per_day",
                "Document deletes per day",
                Unit::OpsPerDay,
                x,
                "Σ deletes of each customer or group = {}",
                &[N(x)],
            );
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_002_actives_from_concurrent_users() {
        // Seed 002 lines 9–11: 1,000 concurrent users, 20,000 daily and 100,000 monthly.
        let dau = daily_active_users(1_000.0, 5.0);
        assert!((dau - 20_000.0).abs() < 1e-9);
        assert!((monthly_active_users(dau, 20.0) - 100_000.0).abs() < 1e-9);
    }
}
