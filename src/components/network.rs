//! Network: internet egress under tiered prices (GCP Premium tier, AWS), and the two load
//! balancers (AWS Application Load Balancer, GCP regional external Application Load Balancer).
//!
//! Source: "Internet egress" and "Load balancers" (read from
//! cloud.google.com/vpc/network-pricing, aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer and
//! aws.amazon.com/elasticloadbalancing/pricing). Prices are passed in: the caller reads them
//! from the catalog (`gcp.egress.premium_na.to_1tib`, `aws.egress.to_10tb`, `aws.alb.lcu_hour`, …).
//!
//! Units: Google bills egress and load-balancer data in GiB (2³⁰ bytes) and 1 TiB = 1,024 GiB.
//! AWS bills in "GB", and its tier bounds in the Price List API are 10,240 / 51,200 / 153,600 GB
//! for "10 TB", "next 40 TB", "next 100 TB": a TB there is 1,024 GB ([`AWS_GB_PER_TB`]).

use super::Component;
use crate::engine::Arg::{N, Usd};
use crate::engine::{Builder, Served, finite, n, usd};
use crate::report::Category;
use crate::scenario::fields::Section;
use crate::scenario::inputs::{Input, choices, inputs};
use crate::units::Unit;

use crate::units::{BYTES_PER_GB, BYTES_PER_KB};

choices! {
    /// Internet egress pricing to apply.
    pub enum EgressProvider {
        /// No egress priced.
        None = "none" "Not priced",
        /// Google Cloud Premium Tier to North America.
        Gcp = "gcp" "Google Cloud, Premium Tier to North America",
        /// AWS data transfer out to the internet.
        Aws = "aws" "AWS, data transfer out to the internet",
    }
}

choices! {
    /// Which load balancer fronts the services.
    pub enum LoadBalancer {
        /// None priced.
        None = "none" "Not priced",
        /// Google Cloud regional external Application Load Balancer.
        GcpRegional = "gcp_regional" "Google Cloud regional external Application LB",
        /// AWS Application Load Balancer.
        AwsAlb = "aws_alb" "AWS Application Load Balancer",
        /// Google Cloud global external Application Load Balancer (several regions behind one
        /// address; seed 003's second phase).
        GcpGlobal = "gcp_global" "Google Cloud global external Application LB",
    }
}

choices! {
    /// A content delivery network in front of the load balancer.
    pub enum Cdn {
        /// No CDN.
        None = "none" "None",
        /// Google Cloud CDN: hits leave from its caches, misses from the origin.
        CloudCdn = "cloud_cdn" "Cloud CDN (Google)",
        /// Amazon CloudFront: every response leaves from CloudFront, misses fetched free from
        /// an AWS origin.
        CloudFront = "cloudfront" "CloudFront (AWS)",
    }
}

fn on_gcp_lb(n: &Network) -> bool {
    matches!(
        n.load_balancer,
        LoadBalancer::GcpRegional | LoadBalancer::GcpGlobal
    )
}

fn network_priced(n: &Network) -> bool {
    n.egress != EgressProvider::None || n.load_balancer != LoadBalancer::None
}

inputs! {
    /// Internet egress and the load balancer.
    pub struct Network {
        /// Whose egress prices apply.
        pub egress: EgressProvider = EgressProvider::None
            => Input::choice("Internet egress", EgressProvider::OPTIONS)
                .help("Whose tiered prices the data leaving the cloud pays.")
                .since(6),
        /// Average response size of a request, in KB (each request's response leaves the
        /// cloud).
        pub response_kb: f64 = 10.0
            => Input::number("Response size", Unit::Kilobytes, 0.0, 1.0e6)
                .help("Average size of one response; every request's response leaves the cloud.")
                .since(6)
            => if network_priced,
        /// Egress besides responses (streams, webhooks, replication), in GB per month.
        pub other_egress_gb_per_month: f64 = 0.0
            => Input::number("Other egress", Unit::GigabytesPerMonth, 0.0, 1.0e9)
                .help("Data leaving the cloud besides responses: streams, webhooks, replication.")
                .since(6)
                .volume()
            => if network_priced,
        /// Egress besides responses given as an average rate, in Mbps (seed 004 gives
        /// bandwidth this way); added to the other egress as GB a month.
        pub other_egress_mbps: f64 = 0.0
            => Input::number("Other egress, as a rate", Unit::MegabitsPerSecond, 0.0, 1.0e6)
                .help("The same as other egress, typed as an average rate (200 Mbps all month is 65.7 TB); added to it.")
                .volume()
            => if network_priced,
        /// The load balancer.
        pub load_balancer: LoadBalancer = LoadBalancer::None
            => Input::choice("Load balancer", LoadBalancer::OPTIONS)
                .help("The load balancer in front of the services.")
                .since(6),
        /// GCP: forwarding rules on the load balancer.
        pub forwarding_rules: f64 = 1.0
            => Input::whole("Forwarding rules", Unit::Count, 1.0, 1_000.0)
                .help("Forwarding rules on the load balancer; one hourly charge covers the first one to five, each further rule adds its own.")
                .since(6)
            => if on_gcp_lb,
        /// AWS ALB: listener rules evaluated per request.
        pub alb_rules: f64 = 1.0
            => Input::number("Listener rules per request", Unit::Count, 0.0, 1_000.0)
                .help("Listener rules the ALB evaluates for each request; the first 10 are free.")
                .since(6)
            => if |n: &Network| n.load_balancer == LoadBalancer::AwsAlb,
        /// Data each request sends in, in KB.
        pub request_kb: f64 = 0.0
            => Input::number("Request size", Unit::Kilobytes, 0.0, 1.0e6)
                .help("Average size of one request, uploads included; load balancers bill it inbound.")
            => if network_priced,
        /// A CDN in front of the load balancer.
        pub cdn: Cdn = Cdn::None
            => Input::choice("CDN", Cdn::OPTIONS)
                .help("Cached responses leave from the CDN, not the origin, and skip the load balancer."),
        /// Share of requests the CDN answers from its cache.
        pub cdn_hit_pct: f64 = 40.0
            => Input::number("Cache hits", Unit::Percent, 0.0, 100.0)
                .help("Requests the CDN answers from its cache (seed 003: a CDN cuts egress 30–50%).")
            => if |n: &Network| n.cdn != Cdn::None,
        /// Cloud CDN: cache fill, in USD per GiB (not in the price list).
        pub cdn_fill_usd_per_gib: f64 = 0.0
            => Input::number("Cache fill price", Unit::Usd, 0.0, 10.0)
                .help("Per GiB a miss brings into Cloud CDN's cache (Google lists 0.01–0.04 by route).")
            => if |n: &Network| n.cdn == Cdn::CloudCdn,
        /// NAT gateways.
        pub nat_gateways: f64 = 0.0
            => Input::whole("NAT gateways", Unit::Count, 0.0, 1_000.0)
                .help("AWS NAT gateways for private subnets, often one per zone; billed by the hour."),
        /// Data through the NAT gateways, in GB a month.
        pub nat_gb_per_month: f64 = 0.0
            => Input::number("Data through NAT", Unit::GigabytesPerMonth, 0.0, 1.0e9)
                .help("Traffic from private subnets to the internet (model APIs, webhooks), both ways.")
                .volume()
            => if |n: &Network| n.nat_gateways > 0.0,
        /// Data crossing availability zones, in GB a month.
        pub inter_zone_gb_per_month: f64 = 0.0
            => Input::number("Data between zones", Unit::GigabytesPerMonth, 0.0, 1.0e9)
                .help("Traffic between availability zones (replicas, calls across zones).")
                .volume(),
        /// Data crossing zones: USD per GB, where the price list has none.
        pub inter_zone_usd_per_gb: f64 = 0.0
            => Input::number("Price between zones", Unit::Usd, 0.0, 10.0)
                .help("Per GB; AWS's $0.01 each way is listed, other clouds' are typed.")
            => if |n: &Network| n.egress != EgressProvider::Aws && n.inter_zone_gb_per_month > 0.0,
        /// Data crossing regions, in GB a month.
        pub inter_region_gb_per_month: f64 = 0.0
            => Input::number("Data between regions", Unit::GigabytesPerMonth, 0.0, 1.0e9)
                .help("Traffic between regions (replication, a multi-region deployment).")
                .volume(),
        /// Data crossing regions: USD per GB (not in the price list).
        pub inter_region_usd_per_gb: f64 = 0.0
            => Input::number("Price between regions", Unit::Usd, 0.0, 10.0)
                .help("Per GB, for the pair of regions, from your provider's page.")
            => if |n: &Network| n.inter_region_gb_per_month > 0.0,
    }
}

impl Section for Network {
    const TITLE: &'static str = "Network";
}

/// Bytes in a gibibyte.
pub const BYTES_PER_GIB: f64 = 1_073_741_824.0;

/// GiB in a TiB, for Google's egress tiers ("to 1 TiB", "1–10 TiB").
pub const GIB_PER_TIB: f64 = 1_024.0;

/// GB in one of AWS's data-transfer "TB": 1,024, as the AWS Price List API's tier ranges show
/// (beginRange/endRange 0–10240–51200–153600 GB for the 10 / 40 / 100 TB tiers).
pub const AWS_GB_PER_TB: f64 = 1_024.0;

/// Gigabytes (10⁹ bytes) as gibibytes (2³⁰ bytes): GB × 10⁹ ÷ 2³⁰.
pub fn gib_from_gb(gb: f64) -> f64 {
    gb * BYTES_PER_GB / BYTES_PER_GIB
}

/// Data moved in a month at an average rate of `mbps` megabits a second: Mbps × 10⁶ bits ÷ 8
/// bits a byte × 3,600 s × hours per month ÷ 10⁹, in GB. 1 Mbps for a 730-hour month is 328.5 GB.
pub fn gb_per_month_from_mbps(mbps: f64, hours_per_month: f64) -> f64 {
    finite(mbps.max(0.0) * 1.0e6 / 8.0 * 3_600.0 * hours_per_month / BYTES_PER_GB)
}

/// Data moved in a month by a steady request rate: requests/s × KB per request × 1,000 bytes ×
/// 3,600 s × hours per month ÷ 10⁹, in GB (decimal, as units.rs defines KB and GB).
pub fn transfer_gb_per_month(
    requests_per_sec: f64,
    kb_per_request: f64,
    hours_per_month: f64,
) -> f64 {
    finite(
        requests_per_sec.max(0.0)
            * kb_per_request.max(0.0)
            * BYTES_PER_KB
            * 3_600.0
            * hours_per_month.max(0.0)
            / BYTES_PER_GB,
    )
}

/// Cost of `quantity` under tiered prices: each unit is priced by the tier it falls in, and
/// passing a bound does not re-price the units below it.
///
/// `tiers` lists (upper bound, price per unit) in increasing order of bound, bounds cumulative
/// from 0; a free allowance is a first tier priced 0. The last tier has no upper bound (its
/// bound is ignored; pass `f64::INFINITY`). A bound below the one before it makes an empty tier.
/// No tiers, or a quantity that is not positive, costs 0.
pub fn tiered_cost_usd(quantity: f64, tiers: &[(f64, f64)]) -> f64 {
    if quantity.is_nan() || quantity <= 0.0 {
        return 0.0;
    }
    let mut cost = 0.0;
    let mut lower = 0.0_f64;
    for (i, &(bound, price)) in tiers.iter().enumerate() {
        let upper = if i + 1 == tiers.len() {
            f64::INFINITY
        } else {
            bound.max(lower)
        };
        let in_tier = quantity.min(upper) - lower;
        if in_tier > 0.0 {
            cost += in_tier * price;
        }
        if quantity <= upper {
            break;
        }
        lower = upper;
    }
    finite(cost)
}

/// [`tiered_cost_usd`] as the arithmetic it does: each tier the quantity reaches, as
/// "(end − start) × price", a free tier left out; "max(quantity − free, 0) × price" when the
/// quantity stays within the free tier.
pub fn tiered_arithmetic(quantity: f64, tiers: &[(f64, f64)]) -> String {
    let mut terms: Vec<String> = Vec::new();
    let mut lower = 0.0_f64;
    for (i, &(bound, price)) in tiers.iter().enumerate() {
        let upper = if i + 1 == tiers.len() {
            f64::INFINITY
        } else {
            bound.max(lower)
        };
        if price > 0.0 {
            if quantity <= lower {
                if terms.is_empty() {
                    terms.push(format!(
                        "max({} − {}, 0) × {}",
                        n(quantity),
                        n(lower),
                        usd(price)
                    ));
                }
                break;
            }
            terms.push(format!(
                "({} − {}) × {}",
                n(quantity.min(upper)),
                n(lower),
                usd(price)
            ));
            if quantity <= upper {
                break;
            }
        }
        lower = upper;
    }
    terms.join(" + ")
}

/// GCP Premium-tier internet egress to North America, per GiB a month (the providers' pricing pages "Internet
/// egress"): the first `free_gib` free, then to 1 TiB at `to_1tib_usd`, 1–10 TiB at
/// `from_1_to_10tib_usd`, above 10 TiB at `over_10tib_usd`. The free GiB is the bottom of the
/// first TiB, not added to it.
pub fn gcp_premium_na_egress_tiers(
    free_gib: f64,
    to_1tib_usd: f64,
    from_1_to_10tib_usd: f64,
    over_10tib_usd: f64,
) -> [(f64, f64); 4] {
    [
        (free_gib, 0.0),
        (GIB_PER_TIB, to_1tib_usd),
        (10.0 * GIB_PER_TIB, from_1_to_10tib_usd),
        (f64::INFINITY, over_10tib_usd),
    ]
}

/// Monthly cost of GCP Premium-tier egress to North America: [`tiered_cost_usd`] over
/// [`gcp_premium_na_egress_tiers`]. `egress_gib` is GiB per month ([`gib_from_gb`] converts).
pub fn gcp_premium_na_egress_usd(
    egress_gib: f64,
    free_gib: f64,
    to_1tib_usd: f64,
    from_1_to_10tib_usd: f64,
    over_10tib_usd: f64,
) -> f64 {
    let tiers =
        gcp_premium_na_egress_tiers(free_gib, to_1tib_usd, from_1_to_10tib_usd, over_10tib_usd);
    tiered_cost_usd(egress_gib, &tiers)
}

/// AWS data transfer out to the internet from us-east-1, per GB a month (the providers' pricing pages "Internet
/// egress"): the first `free_gb` free, then to 10 TB at `to_10tb_usd`, the next 40 TB at
/// `next_40tb_usd`, the next 100 TB at `next_100tb_usd`, above 150 TB at `over_150tb_usd`; a TB
/// is [`AWS_GB_PER_TB`] GB. The free 100 GB is aggregated across services and regions, so a
/// plan that already spends it elsewhere should pass 0.
pub fn aws_internet_egress_tiers(
    free_gb: f64,
    to_10tb_usd: f64,
    next_40tb_usd: f64,
    next_100tb_usd: f64,
    over_150tb_usd: f64,
) -> [(f64, f64); 5] {
    [
        (free_gb, 0.0),
        (10.0 * AWS_GB_PER_TB, to_10tb_usd),
        (50.0 * AWS_GB_PER_TB, next_40tb_usd),
        (150.0 * AWS_GB_PER_TB, next_100tb_usd),
        (f64::INFINITY, over_150tb_usd),
    ]
}

/// Monthly cost of AWS internet egress: [`tiered_cost_usd`] over [`aws_internet_egress_tiers`].
pub fn aws_internet_egress_usd(
    egress_gb: f64,
    free_gb: f64,
    to_10tb_usd: f64,
    next_40tb_usd: f64,
    next_100tb_usd: f64,
    over_150tb_usd: f64,
) -> f64 {
    let tiers = aws_internet_egress_tiers(
        free_gb,
        to_10tb_usd,
        next_40tb_usd,
        next_100tb_usd,
        over_150tb_usd,
    );
    tiered_cost_usd(egress_gb, &tiers)
}

/// New connections per second in one ALB LCU (the providers' pricing pages "Load balancers").
pub const ALB_NEW_CONNECTIONS_PER_SEC_PER_LCU: f64 = 25.0;
/// Active connections (sampled each minute) in one ALB LCU.
pub const ALB_ACTIVE_CONNECTIONS_PER_LCU: f64 = 3_000.0;
/// GB processed per hour in one ALB LCU, for EC2, container and IP targets.
pub const ALB_PROCESSED_GB_PER_HOUR_PER_LCU: f64 = 1.0;
/// Rule evaluations per second in one ALB LCU.
pub const ALB_RULE_EVALUATIONS_PER_SEC_PER_LCU: f64 = 1_000.0;

/// The ALB traffic dimension that sets the LCUs billed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LcuDimension {
    /// New connections per second.
    NewConnections,
    /// Active connections.
    ActiveConnections,
    /// Bytes processed.
    ProcessedBytes,
    /// Rule evaluations per second.
    RuleEvaluations,
}

impl LcuDimension {
    /// The dimension in words, for a formula or a finding.
    pub fn label(self) -> &'static str {
        match self {
            LcuDimension::NewConnections => "new connections",
            LcuDimension::ActiveConnections => "active connections",
            LcuDimension::ProcessedBytes => "processed bytes",
            LcuDimension::RuleEvaluations => "rule evaluations",
        }
    }
}

/// An hour of traffic through an AWS Application Load Balancer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AlbTraffic {
    /// New connections per second.
    pub new_connections_per_sec: f64,
    /// Connections open at once (long-lived streams such as SSE and WebSockets count here).
    pub active_connections: f64,
    /// GB processed per hour, requests and responses together.
    pub processed_gb_per_hour: f64,
    /// Billable rule evaluations per second. AWS counts request rate × (rules processed − 10),
    /// the first 10 rules being free.
    pub rule_evaluations_per_sec: f64,
}

/// LCUs an hour of traffic uses, and the dimension that set them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AlbLcus {
    /// LCUs billed for the hour.
    pub lcus: f64,
    /// The dimension with the most LCUs.
    pub dominant: LcuDimension,
}

/// ALB LCUs for an hour: the largest of new connections/s ÷ 25, active connections ÷ 3,000,
/// processed GB/hour ÷ 1 and rule evaluations/s ÷ 1,000 (the providers' pricing pages "Load balancers"; only the
/// largest dimension is billed). On a tie the first in that order is named. Negative or
/// non-numeric traffic counts as 0.
///
/// AWS bills each hour on that hour's traffic: for traffic that changes through the day, price
/// each hour and sum; one average hour understates the bill.
pub fn alb_lcus(traffic: &AlbTraffic) -> AlbLcus {
    let positive = |x: f64| if x > 0.0 { x } else { 0.0 };
    let candidates = [
        (
            positive(traffic.new_connections_per_sec) / ALB_NEW_CONNECTIONS_PER_SEC_PER_LCU,
            LcuDimension::NewConnections,
        ),
        (
            positive(traffic.active_connections) / ALB_ACTIVE_CONNECTIONS_PER_LCU,
            LcuDimension::ActiveConnections,
        ),
        (
            positive(traffic.processed_gb_per_hour) / ALB_PROCESSED_GB_PER_HOUR_PER_LCU,
            LcuDimension::ProcessedBytes,
        ),
        (
            positive(traffic.rule_evaluations_per_sec) / ALB_RULE_EVALUATIONS_PER_SEC_PER_LCU,
            LcuDimension::RuleEvaluations,
        ),
    ];
    let (lcus, dominant) =
        candidates.into_iter().fold(
            candidates[0],
            |best, next| if next.0 > best.0 { next } else { best },
        );
    AlbLcus {
        lcus: finite(lcus),
        dominant,
    }
}

/// Monthly cost of one ALB: hours × (hourly price + LCUs × LCU-hour price) (the providers' pricing pages: 0.0225
/// per hour + 0.008 per LCU-hour in us-east-1). A month is `hours_per_month` hours.
pub fn alb_monthly_cost_usd(
    lcus: f64,
    hours_per_month: f64,
    alb_hour_usd: f64,
    lcu_hour_usd: f64,
) -> f64 {
    finite(hours_per_month.max(0.0) * (alb_hour_usd + lcus.max(0.0) * lcu_hour_usd))
}

/// Forwarding rules the minimum charge of a GCP load balancer covers.
pub const GCP_LB_RULES_IN_MINIMUM: u32 = 5;

/// Prices of a GCP regional external Application Load Balancer, as read from the catalog
/// (`gcp.lb.regional.*`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GcpLbPrices {
    /// USD per hour for the first one to five forwarding rules together (the minimum charge).
    pub first5_rules_hour_usd: f64,
    /// USD per hour for each further forwarding rule.
    pub extra_rule_hour_usd: f64,
    /// USD per GiB of inbound data processed.
    pub inbound_gib_usd: f64,
    /// USD per GiB of outbound data processed.
    pub outbound_gib_usd: f64,
}

/// Forwarding-rule charge per hour: one charge of `first5_rules_hour_usd` for the first one to
/// five rules together, then `extra_rule_hour_usd` for each further rule; nothing without a
/// rule. Google's own example: "If you have 3 forwarding rules, you will still be charged
/// $0.025/hour … if you have 10 rules … $0.025/hour for 5 rules + (5 additional rules ×
/// $0.01/hour) = $0.075/hour" (the billing SKUs are "Forwarding Rule Minimum" and "Additional";
/// shared/PRICES.md, "Forwarding-rule answer").
pub fn gcp_lb_rules_hourly_usd(
    forwarding_rules: u32,
    first5_rules_hour_usd: f64,
    extra_rule_hour_usd: f64,
) -> f64 {
    if forwarding_rules == 0 {
        return 0.0;
    }
    let further = forwarding_rules.saturating_sub(GCP_LB_RULES_IN_MINIMUM);
    finite(first5_rules_hour_usd + f64::from(further) * extra_rule_hour_usd)
}

/// Data-processing charge: inbound GiB × inbound price + outbound GiB × outbound price
/// (the providers' pricing pages: 0.008 per GiB each way). Requests count as inbound, responses as outbound.
pub fn gcp_lb_data_processed_usd(
    inbound_gib: f64,
    outbound_gib: f64,
    inbound_gib_usd: f64,
    outbound_gib_usd: f64,
) -> f64 {
    finite(inbound_gib.max(0.0) * inbound_gib_usd + outbound_gib.max(0.0) * outbound_gib_usd)
}

/// Monthly cost of a GCP regional external Application Load Balancer: forwarding rules per hour
/// ([`gcp_lb_rules_hourly_usd`]) × hours per month + data processed
/// ([`gcp_lb_data_processed_usd`]) for the month's GiB in and out.
pub fn gcp_lb_monthly_cost_usd(
    forwarding_rules: u32,
    hours_per_month: f64,
    inbound_gib: f64,
    outbound_gib: f64,
    prices: &GcpLbPrices,
) -> f64 {
    let rules = gcp_lb_rules_hourly_usd(
        forwarding_rules,
        prices.first5_rules_hour_usd,
        prices.extra_rule_hour_usd,
    );
    let data = gcp_lb_data_processed_usd(
        inbound_gib,
        outbound_gib,
        prices.inbound_gib_usd,
        prices.outbound_gib_usd,
    );
    finite(rules * hours_per_month.max(0.0) + data)
}

/// Evaluates egress and the load balancer: the responses to every request plus the other
/// egress the user enters leave the cloud each month (seed 003, "Traffic Pattern": requests/s ×
/// response size × seconds — per day there, where the document then prices the daily figure as
/// monthly; here the month is the month), priced by the chosen provider's tiers.
impl Component for Network {
    fn category(&self) -> Category {
        Category::NETWORK
    }

    fn evaluate(&self, served: &Served, out: &mut Builder) {
        evaluate(self, served, out);
    }
}

fn evaluate(net: &Network, served: &Served, out: &mut Builder) {
    let hours = served.scenario.deal.hours_per_month;
    inside_the_cloud(net, hours, out);
    if !network_priced(net) {
        return;
    }
    let demand = served.demand;
    let all_responses_gb =
        transfer_gb_per_month(demand.avg_requests_per_sec, net.response_kb, hours);
    // A CDN's cache hits skip the origin and the load balancer; CloudFront also delivers the
    // misses, fetched free from an AWS origin, so no response leaves from the origin.
    let hits = match net.cdn {
        Cdn::None => 0.0,
        _ => net.cdn_hit_pct / 100.0,
    };
    let via_cdn = match net.cdn {
        Cdn::CloudFront => 1.0,
        _ => hits,
    };
    cdn(net, served, all_responses_gb, hits, out);
    let responses_gb = all_responses_gb * (1.0 - via_cdn);
    let mut other_gb = net.other_egress_gb_per_month;
    if net.other_egress_mbps > 0.0 {
        other_gb += out.figure(
            "network.other_egress_from_mbps_gb_per_month",
            "Other egress typed as a rate, per month",
            Unit::GigabytesPerMonth,
            gb_per_month_from_mbps(net.other_egress_mbps, hours),
            "Mbps × 10⁶ ÷ 8 bits × 3,600 s × hours ÷ 10⁹ = {} × 10⁶ ÷ 8 × 3,600 × {} ÷ 10⁹",
            &[N(net.other_egress_mbps), N(hours)],
        );
    }
    let egress_gb = if net.cdn == Cdn::None {
        out.figure(
            "network.egress_gb_per_month",
            "Egress per month",
            Unit::GigabytesPerMonth,
            responses_gb + other_gb,
            "average requests/s × response KB × 3,600 s × hours ÷ 10⁶ + other egress = {} × {} × 3,600 × {} ÷ 10⁶ + {}",
            &[
                N(demand.avg_requests_per_sec),
                N(net.response_kb),
                N(hours),
                N(other_gb),
            ],
        )
    } else {
        out.figure(
            "network.egress_gb_per_month",
            "Egress per month, from the origin",
            Unit::GigabytesPerMonth,
            responses_gb + other_gb,
            "average requests/s × response KB × 3,600 s × hours ÷ 10⁶ × share not sent by the CDN + other egress = {} × {} × 3,600 × {} ÷ 10⁶ × {} + {}",
            &[
                N(demand.avg_requests_per_sec),
                N(net.response_kb),
                N(hours),
                N(1.0 - via_cdn),
                N(other_gb),
            ],
        )
    };
    // What the requests bring in, past the CDN's hits: the load balancer's inbound data.
    let inbound_gb =
        transfer_gb_per_month(demand.avg_requests_per_sec, net.request_kb, hours) * (1.0 - hits);
    let egress = match net.egress {
        EgressProvider::Gcp => {
            let free = out.price("gcp.egress.premium_na.free_gib");
            let t1 = out.price("gcp.egress.premium_na.to_1tib");
            let t2 = out.price("gcp.egress.premium_na.1_to_10tib");
            let t3 = out.price("gcp.egress.premium_na.over_10tib");
            let gib = gib_from_gb(egress_gb);
            let cost = gcp_premium_na_egress_usd(gib, free, t1, t2, t3);
            Some((
                cost,
                out.formula(cost, Unit::UsdPerMonth, || {
                    format!(
                        "{} GiB through the tiers: first {} GiB free, to 1 TiB at {}, 1–10 TiB at {}, above at {} per GiB",
                        n(gib),
                        n(free),
                        usd(t1),
                        usd(t2),
                        usd(t3)
                    )
                }),
            ))
        }
        EgressProvider::Aws => {
            let free = out.price("aws.egress.free_gb");
            let t1 = out.price("aws.egress.to_10tb");
            let t2 = out.price("aws.egress.next_40tb");
            let t3 = out.price("aws.egress.next_100tb");
            let t4 = out.price("aws.egress.over_150tb");
            let cost = aws_internet_egress_usd(egress_gb, free, t1, t2, t3, t4);
            Some((
                cost,
                out.formula(cost, Unit::UsdPerMonth, || {
                    format!(
                        "{} GB through the tiers: first {} GB free, next 10 TB at {}, next 40 TB at {}, next 100 TB at {}, above at {} per GB",
                        n(egress_gb),
                        n(free),
                        usd(t1),
                        usd(t2),
                        usd(t3),
                        usd(t4)
                    )
                }),
            ))
        }
        EgressProvider::None => None,
    };
    record(
        out,
        "network.egress_cost_monthly_usd",
        "Internet egress",
        egress,
    );
    let balancer = match net.load_balancer {
        LoadBalancer::GcpRegional | LoadBalancer::GcpGlobal => {
            let scope = match net.load_balancer {
                LoadBalancer::GcpGlobal => "global",
                _ => "regional",
            };
            let prices = GcpLbPrices {
                first5_rules_hour_usd: out.price(&format!("gcp.lb.{scope}.first5_rule_hour")),
                extra_rule_hour_usd: out.price(&format!("gcp.lb.{scope}.extra_rule_hour")),
                inbound_gib_usd: out.price(&format!("gcp.lb.{scope}.inbound_gib")),
                outbound_gib_usd: out.price(&format!("gcp.lb.{scope}.outbound_gib")),
            };
            let rules = net.forwarding_rules.clamp(0.0, f64::from(u32::MAX)) as u32;
            // Only the requests and their responses pass through the load balancer: the other
            // egress (webhooks, replication, streams from elsewhere) leaves the cloud without it.
            let outbound = gib_from_gb(responses_gb);
            let inbound = gib_from_gb(inbound_gb);
            let cost = gcp_lb_monthly_cost_usd(rules, hours, inbound, outbound, &prices);
            Some((
                cost,
                out.formula(cost, Unit::UsdPerMonth, || {
                    format!(
                        "forwarding rules per hour × hours + request GiB × inbound + response GiB × outbound (other egress bypasses the load balancer) = {} rule(s) at {} for the first 5 together, {} each further, × {} h + {} GiB × {} + {} GiB × {}",
                        rules,
                        usd(prices.first5_rules_hour_usd),
                        usd(prices.extra_rule_hour_usd),
                        n(hours),
                        n(inbound),
                        usd(prices.inbound_gib_usd),
                        n(outbound),
                        usd(prices.outbound_gib_usd)
                    )
                }),
            ))
        }
        LoadBalancer::AwsAlb => {
            let rps = demand.avg_requests_per_sec;
            // An average hour: each request on a new connection (no keep-alive, the high side),
            // long-lived streams as active connections, all egress and the requests' bytes
            // processed, and the rules
            // beyond the 10 free ones evaluated for every request.
            let traffic = AlbTraffic {
                new_connections_per_sec: rps,
                active_connections: demand.avg_connections,
                processed_gb_per_hour: (egress_gb + inbound_gb) / hours,
                rule_evaluations_per_sec: rps * (net.alb_rules - 10.0).max(0.0),
            };
            let lcus = alb_lcus(&traffic);
            let lcu = out.metric(
                "network.alb_lcus",
                "ALB capacity units",
                Unit::Lcu,
                lcus.lcus,
                || {
                    format!(
                        "the largest of new connections/s ÷ 25 = {} ÷ 25, active connections ÷ 3,000 = {} ÷ 3,000, GB/hour ÷ 1 = {}, rule evaluations/s ÷ 1,000 = {} ÷ 1,000; {} dominates",
                        n(traffic.new_connections_per_sec),
                        n(traffic.active_connections),
                        n(traffic.processed_gb_per_hour),
                        n(traffic.rule_evaluations_per_sec),
                        lcus.dominant.label()
                    )
                },
            );
            let hour = out.price("aws.alb.hour");
            let lcu_hour = out.price("aws.alb.lcu_hour");
            let cost = alb_monthly_cost_usd(lcu, hours, hour, lcu_hour);
            Some((
                cost,
                out.formula(cost, Unit::UsdPerMonth, || {
                    format!(
                        "hours × (ALB-hour + LCUs × LCU-hour) = {} × ({} + {} × {})",
                        n(hours),
                        usd(hour),
                        n(lcu),
                        usd(lcu_hour)
                    )
                }),
            ))
        }
        LoadBalancer::None => None,
    };
    record(
        out,
        "network.lb_cost_monthly_usd",
        "Load balancer",
        balancer,
    );
}

/// The CDN's own bill: Cloud CDN's cache egress for the hits through its tiers (its price above
/// 500 TiB is by contract; the last listed tier stands for it), a lookup for every request, and
/// the misses' cache fill at the price typed; CloudFront's egress for every response above its
/// free terabyte and HTTPS requests above its free ten million (aws.amazon.com/cloudfront/pricing,
/// cloud.google.com/cdn/pricing).
fn cdn(net: &Network, served: &Served, responses_gb: f64, hits: f64, out: &mut Builder) {
    let requests = served.demand.requests_per_month;
    match net.cdn {
        Cdn::None => {}
        Cdn::CloudCdn => {
            let hit_gib = gib_from_gb(responses_gb * hits);
            let miss_gib = gib_from_gb(responses_gb) - hit_gib;
            let tiers = [
                (10_240.0, out.price("gcp.cdn.na.to_10tib")),
                (153_600.0, out.price("gcp.cdn.na.to_150tib")),
                (f64::INFINITY, out.price("gcp.cdn.na.to_500tib")),
            ];
            let lookup = out.price("gcp.cdn.lookups_per_10k");
            let fill = net.cdn_fill_usd_per_gib;
            if fill <= 0.0 && miss_gib > 0.0 {
                out.price_not_typed("Cloud CDN's cache fill", "the cache fill price");
            }
            let cost =
                tiered_cost_usd(hit_gib, &tiers) + requests / 1.0e4 * lookup + miss_gib * fill;
            let how = out.formula(cost, Unit::UsdPerMonth, || {
                format!(
                    "hit GiB priced by tier + requests ÷ 10,000 × lookup + miss GiB × cache fill = {} + {} ÷ 10,000 × {} + {} × {}",
                    tiered_arithmetic(hit_gib, &tiers),
                    n(requests),
                    usd(lookup),
                    n(miss_gib),
                    usd(fill)
                )
            });
            record(
                out,
                "network.cdn_cost_monthly_usd",
                "Cloud CDN",
                Some((cost, how)),
            );
        }
        Cdn::CloudFront => {
            let free = out.price("aws.cloudfront.free_gb");
            let tiers = [
                (free, 0.0),
                (10_240.0, out.price("aws.cloudfront.us.first_10tb")),
                (51_200.0, out.price("aws.cloudfront.us.next_40tb")),
                (153_600.0, out.price("aws.cloudfront.us.next_100tb")),
                (512_000.0, out.price("aws.cloudfront.us.next_350tb")),
                (1_048_576.0, out.price("aws.cloudfront.us.next_524tb")),
                (5_242_880.0, out.price("aws.cloudfront.us.next_4pb")),
                (f64::INFINITY, out.price("aws.cloudfront.us.over_5pb")),
            ];
            let free_requests = out.price("aws.cloudfront.free_requests");
            let https = out.price("aws.cloudfront.us.https_per_10k");
            let cost = tiered_cost_usd(responses_gb, &tiers)
                + (requests - free_requests).max(0.0) / 1.0e4 * https;
            let how = out.formula(cost, Unit::UsdPerMonth, || {
                format!(
                    "response GB priced by tier + max(requests − free, 0) ÷ 10,000 × HTTPS = {} + max({} − {}, 0) ÷ 10,000 × {}",
                    tiered_arithmetic(responses_gb, &tiers),
                    n(requests),
                    n(free_requests),
                    usd(https)
                )
            });
            record(
                out,
                "network.cdn_cost_monthly_usd",
                "CloudFront",
                Some((cost, how)),
            );
        }
    }
}

/// Data that never leaves the cloud, and the NAT gateways it leaves through: NAT gateway-hours
/// and GB processed (aws.amazon.com/vpc/pricing, as the Price List API gives Infracost); data
/// between zones at AWS's price each way (aws.amazon.com/ec2/pricing, "Data Transfer within the
/// same AWS Region") or at a price typed for other clouds; data between regions at a price typed.
fn inside_the_cloud(net: &Network, hours: f64, out: &mut Builder) {
    if net.nat_gateways > 0.0 {
        let hour = out.price("aws.nat.gateway_hour");
        let per_gb = out.price("aws.nat.gb_processed");
        out.bill(
            "network.nat_cost_monthly_usd",
            "NAT gateways",
            Category::NETWORK,
            "NAT gateways",
            net.nat_gateways * hours * hour + net.nat_gb_per_month * per_gb,
            "gateways × hours × gateway-hour + GB processed × per GB = {} × {} × {} + {} × {}",
            &[
                N(net.nat_gateways),
                N(hours),
                Usd(hour),
                N(net.nat_gb_per_month),
                Usd(per_gb),
            ],
        );
    }
    if net.inter_zone_gb_per_month > 0.0 {
        if net.egress == EgressProvider::Aws {
            let each_way = out.price("aws.egress.inter_az_gb");
            out.bill(
                "network.inter_zone_cost_monthly_usd",
                "Data between zones",
                Category::NETWORK,
                "Data between zones",
                net.inter_zone_gb_per_month * 2.0 * each_way,
                "GB × 2 ways × price each way = {} × 2 × {}",
                &[N(net.inter_zone_gb_per_month), Usd(each_way)],
            );
        } else {
            typed_transfer(
                out,
                "network.inter_zone_cost_monthly_usd",
                "Data between zones",
                net.inter_zone_gb_per_month,
                net.inter_zone_usd_per_gb,
            );
        }
    }
    if net.inter_region_gb_per_month > 0.0 {
        typed_transfer(
            out,
            "network.inter_region_cost_monthly_usd",
            "Data between regions",
            net.inter_region_gb_per_month,
            net.inter_region_usd_per_gb,
        );
    }
}

/// Data moved at a price per GB the user typed, noted while it is 0.
fn typed_transfer(
    out: &mut Builder,
    id: &'static str,
    label: &'static str,
    gb: f64,
    usd_per_gb: f64,
) {
    if usd_per_gb <= 0.0 {
        out.price_not_typed("Data moving inside the cloud", "its price per GB (Network)");
    }
    out.bill(
        id,
        label,
        Category::NETWORK,
        label,
        gb * usd_per_gb,
        "GB × price per GB, as typed = {} × {}",
        &[N(gb), Usd(usd_per_gb)],
    );
}

/// Records a priced network line — its amount and, when the report explains itself, how it
/// was made — as a metric and a line of the bill.
fn record(out: &mut Builder, id: &'static str, label: &'static str, priced: Option<(f64, String)>) {
    if let Some((monthly_usd, how)) = priced {
        let cost = out.metric(id, label, Unit::UsdPerMonth, monthly_usd, || how);
        out.cost(id, Category::NETWORK, label, cost);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn price(id: &str) -> f64 {
        crate::engine::catalog_price(id)
    }

    fn gcp_egress(gib: f64) -> f64 {
        gcp_premium_na_egress_usd(
            gib,
            price("gcp.egress.premium_na.free_gib"),
            price("gcp.egress.premium_na.to_1tib"),
            price("gcp.egress.premium_na.1_to_10tib"),
            price("gcp.egress.premium_na.over_10tib"),
        )
    }

    fn aws_egress(gb: f64) -> f64 {
        aws_internet_egress_usd(
            gb,
            price("aws.egress.free_gb"),
            price("aws.egress.to_10tb"),
            price("aws.egress.next_40tb"),
            price("aws.egress.next_100tb"),
            price("aws.egress.over_150tb"),
        )
    }

    fn gcp_lb_prices() -> GcpLbPrices {
        GcpLbPrices {
            first5_rules_hour_usd: price("gcp.lb.regional.first5_rule_hour"),
            extra_rule_hour_usd: price("gcp.lb.regional.extra_rule_hour"),
            inbound_gib_usd: price("gcp.lb.regional.inbound_gib"),
            outbound_gib_usd: price("gcp.lb.regional.outbound_gib"),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6 * b.abs().max(1.0)
    }

    #[test]
    fn seed_003_egress_is_per_day_and_tiered() {
        // 50 req/s × 100 KB × 86,400 s = 432 GB a DAY (the seed calls it "~400 GB" and then
        // prices 400 GB a MONTH at $0.12 = $48).
        let per_day = transfer_gb_per_month(50.0, 100.0, 24.0);
        assert!(close(per_day, 432.0), "{per_day}");
        // A 730-hour month: 432 × 730 ÷ 24 = 13,140 GB = 12,237.58 GiB.
        let per_month = transfer_gb_per_month(50.0, 100.0, 730.0);
        assert!(close(per_month, 13_140.0), "{per_month}");
        let gib = gib_from_gb(per_month);
        assert!((gib - 12_237.578_630).abs() < 1e-5, "{gib}");
        // Tiers: 1 GiB free; 1,023 GiB × 0.12 = 122.76; 9,216 GiB × 0.11 = 1,013.76;
        // (12,237.58 − 10,240) × 0.08 = 159.81. Total ≈ 1,296.33 a month, not $48.
        let cost = gcp_egress(gib);
        let by_hand = 1_023.0 * 0.12 + 9_216.0 * 0.11 + (gib - 10_240.0) * 0.08;
        assert!(close(cost, by_hand), "{cost} vs {by_hand}");
        assert!((cost - 1_296.33).abs() < 0.005, "{cost}");
    }

    #[test]
    fn gcp_tier_boundaries() {
        assert_eq!(gcp_egress(0.0), 0.0);
        assert_eq!(gcp_egress(1.0), 0.0);
        assert!(close(gcp_egress(2.0), 0.12));
        assert!(close(gcp_egress(1_024.0), 1_023.0 * 0.12)); // 122.76
        assert!(close(gcp_egress(1_025.0), 122.76 + 0.11));
        assert!(close(gcp_egress(10_240.0), 122.76 + 9_216.0 * 0.11)); // 1,136.52
        assert!(close(gcp_egress(10_241.0), 1_136.52 + 0.08));
    }

    #[test]
    fn aws_tier_boundaries() {
        // Bounds at 100 GB free, then 10 / 50 / 150 TB of 1,024 GB.
        assert_eq!(aws_egress(100.0), 0.0);
        assert!(close(aws_egress(101.0), 0.09));
        let at_10tb = 10_140.0 * 0.09; // 912.60
        assert!(close(aws_egress(10_240.0), at_10tb));
        assert!(close(aws_egress(10_241.0), at_10tb + 0.085));
        let at_50tb = at_10tb + 40_960.0 * 0.085; // 4,394.20
        assert!(close(aws_egress(51_200.0), at_50tb));
        assert!(close(aws_egress(51_201.0), at_50tb + 0.07));
        let at_150tb = at_50tb + 102_400.0 * 0.07; // 11,562.20
        assert!(close(aws_egress(153_600.0), at_150tb));
        assert!(close(aws_egress(153_601.0), at_150tb + 0.05));
        // Seed 003's month priced on AWS instead: 10,140 × 0.09 + 2,900 × 0.085 = 1,159.10.
        assert!(close(aws_egress(13_140.0), 1_159.10));
    }

    #[test]
    fn tiered_cost_in_general() {
        let tiers = [(10.0, 1.0), (20.0, 0.5), (f64::INFINITY, 0.25)];
        assert_eq!(tiered_cost_usd(5.0, &tiers), 5.0);
        assert_eq!(tiered_cost_usd(10.0, &tiers), 10.0);
        assert_eq!(tiered_cost_usd(15.0, &tiers), 12.5);
        assert_eq!(tiered_cost_usd(30.0, &tiers), 17.5);
        assert_eq!(tiered_cost_usd(0.0, &tiers), 0.0);
        assert_eq!(tiered_cost_usd(-3.0, &tiers), 0.0);
        assert_eq!(tiered_cost_usd(f64::NAN, &tiers), 0.0);
        assert_eq!(tiered_cost_usd(5.0, &[]), 0.0);
        // The last tier is open whatever its bound says.
        assert_eq!(tiered_cost_usd(30.0, &[(10.0, 1.0), (20.0, 0.5)]), 20.0);
        // A bound below the one before it is an empty tier.
        assert_eq!(
            tiered_cost_usd(30.0, &[(10.0, 1.0), (5.0, 9.0), (f64::INFINITY, 0.5)]),
            20.0
        );
        // A free allowance larger than the first paid bound empties that tier.
        let tiers = gcp_premium_na_egress_tiers(2_000.0, 0.12, 0.11, 0.08);
        assert!(close(tiered_cost_usd(3_000.0, &tiers), 1_000.0 * 0.11));
    }

    #[test]
    fn alb_with_long_lived_connections_is_billed_on_active_connections() {
        // 9,000 open SSE streams, 10 new connections/s, 0.5 GB/hour, 100 rule evaluations/s:
        // 9,000 ÷ 3,000 = 3 LCU; 10 ÷ 25 = 0.4; 0.5 ÷ 1 = 0.5; 100 ÷ 1,000 = 0.1.
        let traffic = AlbTraffic {
            new_connections_per_sec: 10.0,
            active_connections: 9_000.0,
            processed_gb_per_hour: 0.5,
            rule_evaluations_per_sec: 100.0,
        };
        let used = alb_lcus(&traffic);
        assert_eq!(used.dominant, LcuDimension::ActiveConnections);
        assert_eq!(used.lcus, 3.0);
        // 730 × (0.0225 + 3 × 0.008) = 730 × 0.0465 = 33.945
        let month = alb_monthly_cost_usd(
            used.lcus,
            730.0,
            price("aws.alb.hour"),
            price("aws.alb.lcu_hour"),
        );
        assert!(close(month, 33.945), "{month}");
    }

    #[test]
    fn alb_other_dimensions() {
        let quiet = AlbTraffic {
            new_connections_per_sec: 0.0,
            active_connections: 0.0,
            processed_gb_per_hour: 0.0,
            rule_evaluations_per_sec: 0.0,
        };
        let used = alb_lcus(&quiet);
        assert_eq!(
            (used.lcus, used.dominant),
            (0.0, LcuDimension::NewConnections)
        );
        // An idle ALB still bills its hours: 730 × 0.0225 = 16.425.
        assert!(close(
            alb_monthly_cost_usd(0.0, 730.0, 0.0225, 0.008),
            16.425
        ));
        let chatty = AlbTraffic {
            new_connections_per_sec: 100.0,
            ..quiet
        };
        assert_eq!(
            alb_lcus(&chatty),
            AlbLcus {
                lcus: 4.0,
                dominant: LcuDimension::NewConnections
            }
        );
        let bulky = AlbTraffic {
            processed_gb_per_hour: 7.0,
            ..chatty
        };
        assert_eq!(alb_lcus(&bulky).dominant, LcuDimension::ProcessedBytes);
        let routed = AlbTraffic {
            rule_evaluations_per_sec: 9_000.0,
            ..bulky
        };
        assert_eq!(
            alb_lcus(&routed),
            AlbLcus {
                lcus: 9.0,
                dominant: LcuDimension::RuleEvaluations
            }
        );
        let odd = AlbTraffic {
            active_connections: f64::NAN,
            new_connections_per_sec: -5.0,
            ..quiet
        };
        assert_eq!(alb_lcus(&odd).lcus, 0.0);
    }

    #[test]
    fn gcp_regional_lb_rules_and_data() {
        let p = gcp_lb_prices();
        assert_eq!(
            gcp_lb_rules_hourly_usd(0, p.first5_rules_hour_usd, p.extra_rule_hour_usd),
            0.0
        );
        assert!(close(
            gcp_lb_rules_hourly_usd(1, p.first5_rules_hour_usd, p.extra_rule_hour_usd),
            0.025
        ));
        // One charge covers one to five rules: 3 rules cost what 1 does, and 10 rules cost
        // 0.025 + 5 × 0.01 = 0.075 an hour (Google's worked example).
        for rules in [3, 5] {
            assert!(close(
                gcp_lb_rules_hourly_usd(rules, p.first5_rules_hour_usd, p.extra_rule_hour_usd),
                0.025
            ));
        }
        assert!(close(
            gcp_lb_rules_hourly_usd(10, p.first5_rules_hour_usd, p.extra_rule_hour_usd),
            0.075
        ));
        // Seed 003 calls the LB "~$16/month (fixed, regardless of traffic)". One rule for 730 h is
        // 18.25, and its 13,140 GB of responses pass through the LB: 12,237.58 GiB × 0.008 = 97.90;
        // 1 KB requests in: 131.4 GB = 122.38 GiB × 0.008 = 0.98. About 117.13 a month.
        let outbound = gib_from_gb(transfer_gb_per_month(50.0, 100.0, 730.0));
        let inbound = gib_from_gb(transfer_gb_per_month(50.0, 1.0, 730.0));
        let month = gcp_lb_monthly_cost_usd(1, 730.0, inbound, outbound, &p);
        let by_hand = 18.25 + (outbound + inbound) * 0.008;
        assert!(close(month, by_hand), "{month}");
        assert!((month - 117.13).abs() < 0.005, "{month}");
    }

    /// 1 Mbps for a 730-hour month: 125,000 bytes/s × 2,628,000 s = 328.5 GB. Seed 004's table
    /// (lines 184–187) gives 1.7 TB a month beside 170 Mbps in and 270 Mbps out: at those
    /// rates all month it would be 144.5 TB, so its Mbps are peaks, and 1.7 TB is an average of
    /// about 5.2 Mbps. Typed as a rate, egress is the average, and adds to the GB typed.
    #[test]
    fn a_rate_in_mbps_is_gb_a_month_at_the_average() {
        assert!(close(gb_per_month_from_mbps(1.0, 730.0), 328.5));
        assert!(close(gb_per_month_from_mbps(440.0, 730.0), 144_540.0));
        let average = 1_700.0 / gb_per_month_from_mbps(1.0, 730.0);
        assert!((average - 5.175).abs() < 0.001, "{average}");
        let base = crate::scenario::presets::by_id("inventory-cloud-run")
            .unwrap()
            .scenario();
        let egress = |s: &crate::scenario::Scenario| {
            crate::engine::evaluate(s)
                .value("network.egress_gb_per_month")
                .unwrap()
        };
        let mut typed = base.clone();
        typed.network.other_egress_gb_per_month = 328.5;
        let mut rate = base.clone();
        rate.network.other_egress_mbps = 1.0;
        assert!(close(egress(&rate), egress(&typed)));
        assert!(close(egress(&rate) - egress(&base), 328.5));
    }

    #[test]
    fn other_egress_bypasses_the_load_balancer_and_rules_come_five_to_a_charge() {
        use crate::engine;
        use crate::scenario::presets;
        let lb = "network.lb_cost_monthly_usd";
        let egress = "network.egress_cost_monthly_usd";
        let base = presets::by_id("inventory-cloud-run").unwrap().scenario();
        let before = engine::evaluate(&base);
        let mut more = base.clone();
        more.network.other_egress_gb_per_month = 1_000.0;
        let after = engine::evaluate(&more);
        assert_eq!(after.value(lb), before.value(lb));
        assert!(after.value(egress).unwrap() > before.value(egress).unwrap());
        let mut rules = base.clone();
        rules.network.forwarding_rules = 5.0;
        assert_eq!(engine::evaluate(&rules).value(lb), before.value(lb));
        rules.network.forwarding_rules = 6.0;
        let six = engine::evaluate(&rules).value(lb).unwrap();
        let one_more = 0.01 * base.deal.hours_per_month;
        assert!(close(six - before.value(lb).unwrap(), one_more), "{six}");
    }

    #[test]
    fn extreme_inputs_stay_finite() {
        let odd = [0.0, -1.0, 1e308, -1e308, f64::MIN_POSITIVE, 1_024.0];
        for &a in &odd {
            for &b in &odd {
                assert!(transfer_gb_per_month(a, b, a).is_finite());
                assert!(tiered_cost_usd(a, &[(b, a), (a, b), (f64::INFINITY, a)]).is_finite());
                assert!(gcp_premium_na_egress_usd(a, b, a, b, a).is_finite());
                assert!(aws_internet_egress_usd(a, b, a, b, a, b).is_finite());
                let t = AlbTraffic {
                    new_connections_per_sec: a,
                    active_connections: b,
                    processed_gb_per_hour: a,
                    rule_evaluations_per_sec: b,
                };
                assert!(alb_monthly_cost_usd(alb_lcus(&t).lcus, a, b, a).is_finite());
                let p = GcpLbPrices {
                    first5_rules_hour_usd: a,
                    extra_rule_hour_usd: b,
                    inbound_gib_usd: a,
                    outbound_gib_usd: b,
                };
                assert!(gcp_lb_monthly_cost_usd(u32::MAX, a, b, a, &p).is_finite());
            }
        }
    }

    fn inventory() -> crate::scenario::Scenario {
        crate::scenario::presets::by_id("inventory-cloud-run")
            .unwrap()
            .scenario()
    }

    fn value(s: &crate::scenario::Scenario, id: &str) -> f64 {
        crate::engine::evaluate(s).value(id).unwrap_or(f64::NAN)
    }

    #[test]
    fn a_cdn_takes_its_hits_off_origin_egress_and_the_load_balancer() {
        // Seed 003: 37.5 requests/s on average of 100 KB, 9,855 GB a month. Cloud CDN answering
        // 40% of requests sends 3,942 GB (3,671 GiB) from its caches at $0.08 and 5,913 GB from
        // the origin.
        let mut s = inventory();
        let without = crate::engine::evaluate(&s);
        s.network.cdn = Cdn::CloudCdn;
        s.network.cdn_hit_pct = 40.0;
        s.network.cdn_fill_usd_per_gib = 0.02;
        let with = crate::engine::evaluate(&s);
        let egress = with.value("network.egress_gb_per_month").unwrap();
        assert!(close(egress, 9_855.0 * 0.6), "{egress}");
        let hit_gib = gib_from_gb(9_855.0 * 0.4);
        let requests = 37.5 * 3_600.0 * 730.0;
        let expected =
            hit_gib * 0.08 + requests / 1.0e4 * 0.0075 + gib_from_gb(9_855.0 * 0.6) * 0.02;
        let cdn = with.value("network.cdn_cost_monthly_usd").unwrap();
        assert!(close(cdn, expected), "{cdn} vs {expected}");
        // The origin's egress and the load balancer's outbound data fall by the hit share.
        let lb = |r: &crate::report::Report| r.value("network.lb_cost_monthly_usd").unwrap();
        let rules = 0.025 * 730.0;
        assert!(close(lb(&with) - rules, (lb(&without) - rules) * 0.6));
        assert!(
            with.value("network.egress_cost_monthly_usd").unwrap()
                < without.value("network.egress_cost_monthly_usd").unwrap()
        );
    }

    #[test]
    fn cloudfront_sends_every_response_above_its_free_tier() {
        let mut s = inventory();
        s.network.egress = EgressProvider::Aws;
        s.network.load_balancer = LoadBalancer::AwsAlb;
        s.network.cdn = Cdn::CloudFront;
        s.network.cdn_hit_pct = 80.0;
        let report = crate::engine::evaluate(&s);
        // 9,855 GB: the first 1,024 free, the rest within the first 10 TB at $0.085;
        // 98,550,000 HTTPS requests, 10 million free, at $0.01 per 10,000.
        let expected = (9_855.0 - 1_024.0) * 0.085 + (98_550_000.0 - 10_000_000.0) / 1.0e4 * 0.01;
        let cdn = report.value("network.cdn_cost_monthly_usd").unwrap();
        assert!(close(cdn, expected), "{cdn} vs {expected}");
        // No response leaves from the origin.
        assert!(close(
            report.value("network.egress_gb_per_month").unwrap(),
            0.0
        ));
    }

    #[test]
    fn requests_count_inbound_at_the_load_balancer_and_a_global_one_bills_the_same_way() {
        let mut s = inventory();
        let before = value(&s, "network.lb_cost_monthly_usd");
        s.network.request_kb = 50.0;
        let after = value(&s, "network.lb_cost_monthly_usd");
        // Half the responses' bytes come in: 4,927.5 GB, 4,589 GiB at $0.008.
        assert!(
            close(after - before, gib_from_gb(4_927.5) * 0.008),
            "{}",
            after - before
        );
        s.network.load_balancer = LoadBalancer::GcpGlobal;
        assert!(close(value(&s, "network.lb_cost_monthly_usd"), after));
    }

    #[test]
    fn nat_gateways_and_data_between_zones_and_regions() {
        let mut s = inventory();
        // Infracost's golden bill: one NAT gateway, $32.85 a month, and $0.045 a GB processed.
        s.network.nat_gateways = 1.0;
        s.network.nat_gb_per_month = 100.0;
        assert!(close(
            value(&s, "network.nat_cost_monthly_usd"),
            32.85 + 4.5
        ));
        // Between zones on AWS: $0.01 each way.
        s.network.egress = EgressProvider::Aws;
        s.network.inter_zone_gb_per_month = 500.0;
        assert!(close(
            value(&s, "network.inter_zone_cost_monthly_usd"),
            10.0
        ));
        // Elsewhere, and between regions, at the price typed; untyped, said so.
        s.network.egress = EgressProvider::Gcp;
        s.network.inter_region_gb_per_month = 200.0;
        let report = crate::engine::evaluate(&s);
        assert_eq!(
            report.value("network.inter_region_cost_monthly_usd"),
            Some(0.0)
        );
        assert!(
            report
                .warnings
                .iter()
                .any(|w| w.id == "cost.price_not_typed")
        );
        s.network.inter_zone_usd_per_gb = 0.01;
        s.network.inter_region_usd_per_gb = 0.02;
        assert!(close(value(&s, "network.inter_zone_cost_monthly_usd"), 5.0));
        assert!(close(
            value(&s, "network.inter_region_cost_monthly_usd"),
            4.0
        ));
    }
}
