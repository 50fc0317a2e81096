//! AWS Fargate (ECS) as a platform for a service: the task sizes AWS accepts, and what the
//! service's tasks cost per hour and per month, on demand or partly on Fargate Spot.
//!
//! Source for every number here: "AWS Fargate (ECS), us-east-1", read
//! from aws.amazon.com/fargate/pricing (task sizes also in the Amazon ECS Developer Guide, "Task
//! CPU and memory"). Prices come from the catalog (`aws.fargate.x86.vcpu_hour`,
//! `aws.fargate.arm.gb_hour`, `aws.fargate.ephemeral_gb_hour`, …). Fargate bills per second
//! with a one-minute minimum; the figures here are for tasks that run for whole hours, which is
//! what a monthly plan needs.

use crate::engine::services::Usage;
use crate::engine::{Builder, finite, n, ratio, usd};
use crate::scenario::Service;
use crate::scenario::fields::Broken;
use crate::scenario::inputs::choices;
use crate::units::Unit;

choices! {
    /// The processor a task runs on; it selects which catalog prices apply.
    pub enum Arch {
        /// Linux on x86-64.
        X86 = "x86" "Linux/x86",
        /// Linux on ARM64 (Graviton), which lists about 20% cheaper.
        Arm = "arm" "Linux/ARM (Graviton)",
    }
}

impl Arch {
    /// Catalog id of the vCPU-hour price.
    pub fn vcpu_hour_price_id(self) -> &'static str {
        match self {
            Arch::X86 => "aws.fargate.x86.vcpu_hour",
            Arch::Arm => "aws.fargate.arm.vcpu_hour",
        }
    }

    /// Catalog id of the memory GB-hour price.
    pub fn gb_hour_price_id(self) -> &'static str {
        match self {
            Arch::X86 => "aws.fargate.x86.gb_hour",
            Arch::Arm => "aws.fargate.arm.gb_hour",
        }
    }
}

/// The rules Fargate sets on a service: only its task sizes.
pub fn broken(service: &Service) -> Vec<Broken> {
    match validate_task_size(service.vcpu, service.memory_gib) {
        Ok(()) => Vec::new(),
        Err(message) => vec![Broken::new(&["vcpu", "memory_gib", "platform"], message)],
    }
}

/// The month's bill for the service's tasks: the tasks running on average × hours × (vCPU ×
/// vCPU-hour + GB × GB-hour) × the Spot factor ([`monthly_cost_usd`]), with how it was made.
pub fn bill(service: &Service, usage: &Usage, out: &mut Builder) -> (f64, String) {
    let hours = usage.hours_per_month;
    let vcpu_h = out.price(service.arch.vcpu_hour_price_id());
    let gb_h = out.price(service.arch.gb_hour_price_id());
    let task_hour = task_hourly_usd(service.vcpu, service.memory_gib, vcpu_h, gb_h);
    let cost = monthly_cost_usd(
        usage.running,
        task_hour,
        0.0,
        hours,
        service.spot_share_pct,
        service.spot_discount_pct,
    );
    let how = out.formula(cost, Unit::UsdPerMonth, || {
        format!(
            "tasks × hours × (vCPU × vCPU-hour + GB × GB-hour) × (1 − Spot share × Spot discount) = {} × {} × ({} × {} + {} × {}) × (1 − {}% × {}%) = {}",
            n(usage.running),
            n(hours),
            n(service.vcpu),
            vcpu_h,
            n(service.memory_gib),
            gb_h,
            n(service.spot_share_pct),
            n(service.spot_discount_pct),
            usd(cost)
        )
    });
    (cost, how)
}

/// The part of a service's Fargate bill `cost` paid at on-demand prices, which a Savings Plan
/// covers: the tasks not on Spot. With a share s on Spot at a discount d, the bill is the
/// on-demand price × (1 − s·d), of which the price × (1 − s) is on demand.
pub fn on_demand_part_usd(service: &Service, cost: f64) -> f64 {
    let spot = service.spot_share_pct / 100.0;
    cost * ratio(1.0 - spot, 1.0 - spot * service.spot_discount_pct / 100.0)
}

/// The memory sizes a task with a given vCPU may have.
enum MemoryChoices {
    /// Exactly these sizes, in GB.
    Listed(&'static [f64]),
    /// From `min_gb` to `max_gb` inclusive, in steps of `step_gb`.
    Stepped {
        min_gb: f64,
        max_gb: f64,
        step_gb: f64,
    },
}

/// Valid Fargate task sizes (aws.amazon.com/fargate/pricing "Valid task sizes"): vCPU and the memory it allows.
const TASK_SIZES: [(f64, MemoryChoices); 7] = [
    (0.25, MemoryChoices::Listed(&[0.5, 1.0, 2.0])),
    (
        0.5,
        MemoryChoices::Stepped {
            min_gb: 1.0,
            max_gb: 4.0,
            step_gb: 1.0,
        },
    ),
    (
        1.0,
        MemoryChoices::Stepped {
            min_gb: 2.0,
            max_gb: 8.0,
            step_gb: 1.0,
        },
    ),
    (
        2.0,
        MemoryChoices::Stepped {
            min_gb: 4.0,
            max_gb: 16.0,
            step_gb: 1.0,
        },
    ),
    (
        4.0,
        MemoryChoices::Stepped {
            min_gb: 8.0,
            max_gb: 30.0,
            step_gb: 1.0,
        },
    ),
    (
        8.0,
        MemoryChoices::Stepped {
            min_gb: 16.0,
            max_gb: 60.0,
            step_gb: 4.0,
        },
    ),
    (
        16.0,
        MemoryChoices::Stepped {
            min_gb: 32.0,
            max_gb: 120.0,
            step_gb: 8.0,
        },
    ),
];

/// Ephemeral storage every task gets without charge, in GB (aws.amazon.com/fargate/pricing: "Ephemeral storage above
/// 20 GB: 0.000111 per GB-hour").
pub const FREE_EPHEMERAL_STORAGE_GB: f64 = 20.0;

/// Tolerance when comparing typed sizes with the listed ones (sizes are multiples of 0.25 GB).
const SIZE_TOLERANCE: f64 = 1e-9;

impl MemoryChoices {
    fn allows(&self, memory_gb: f64) -> bool {
        match self {
            MemoryChoices::Listed(sizes) => {
                sizes.iter().any(|s| (s - memory_gb).abs() < SIZE_TOLERANCE)
            }
            MemoryChoices::Stepped {
                min_gb,
                max_gb,
                step_gb,
            } => {
                let steps = (memory_gb - min_gb) / step_gb;
                memory_gb >= min_gb - SIZE_TOLERANCE
                    && memory_gb <= max_gb + SIZE_TOLERANCE
                    && (steps - steps.round()).abs() < SIZE_TOLERANCE
            }
        }
    }

    fn describe(&self) -> String {
        match self {
            MemoryChoices::Listed(sizes) => {
                let (last, rest) = sizes.split_last().unwrap_or((&0.0, &[]));
                let rest: Vec<String> = rest.iter().map(f64::to_string).collect();
                format!("{} or {last} GB", rest.join(", "))
            }
            MemoryChoices::Stepped {
                min_gb,
                max_gb,
                step_gb,
            } => {
                format!("{min_gb} to {max_gb} GB in {step_gb} GB steps")
            }
        }
    }
}

/// Checks that Fargate offers a task with this vCPU and memory (aws.amazon.com/fargate/pricing "Valid task sizes").
///
/// The error names what is allowed: the memory sizes for that vCPU, or the vCPU sizes.
pub fn validate_task_size(vcpu: f64, memory_gb: f64) -> Result<(), String> {
    use crate::format::plain;
    let Some((_, memory)) = TASK_SIZES
        .iter()
        .find(|(v, _)| (v - vcpu).abs() < SIZE_TOLERANCE)
    else {
        return Err(format!(
            "Fargate has no task with {} vCPU; choose 0.25, 0.5, 1, 2, 4, 8 or 16 vCPU.",
            plain(vcpu)
        ));
    };
    if memory.allows(memory_gb) {
        Ok(())
    } else {
        let vcpu = plain(vcpu);
        Err(format!(
            "A {vcpu} vCPU Fargate task cannot have {} GB of memory; with {vcpu} vCPU choose {}.",
            plain(memory_gb),
            memory.describe()
        ))
    }
}

/// What one running task costs per hour for its vCPU and memory:
/// vCPU × vCPU-hour price + memory GB × GB-hour price (aws.amazon.com/fargate/pricing, the Fargate table; use the
/// x86 or ARM prices, see [`Arch`]). Negative sizes count as 0.
pub fn task_hourly_usd(vcpu: f64, memory_gb: f64, vcpu_hour_usd: f64, gb_hour_usd: f64) -> f64 {
    finite(vcpu.max(0.0) * vcpu_hour_usd + memory_gb.max(0.0) * gb_hour_usd)
}

/// What one task's ephemeral storage costs per hour: the GB above the free
/// [`FREE_EPHEMERAL_STORAGE_GB`] × the GB-hour price (aws.amazon.com/fargate/pricing: 0.000111 per GB-hour above 20 GB).
pub fn ephemeral_storage_hourly_usd(ephemeral_gb: f64, ephemeral_gb_hour_usd: f64) -> f64 {
    finite((ephemeral_gb - FREE_EPHEMERAL_STORAGE_GB).max(0.0) * ephemeral_gb_hour_usd)
}

/// Checks the Fargate Spot inputs: the share of task-hours on Spot and the Spot discount, each
/// 0–100%. The discount has no default: AWS says "up to 70%" and the rate floats (typically
/// 50–70%), so the user types it (aws.amazon.com/fargate/pricing "Fargate Spot").
pub fn validate_spot(spot_share_pct: f64, spot_discount_pct: f64) -> Result<(), String> {
    let in_range = |x: f64| (0.0..=100.0).contains(&x);
    if !in_range(spot_share_pct) {
        return Err(format!(
            "The share of tasks on Fargate Spot is {spot_share_pct}%; enter a percentage from 0 to 100."
        ));
    }
    if !in_range(spot_discount_pct) {
        return Err(format!(
            "The Fargate Spot discount is {spot_discount_pct}%; enter a percentage from 0 to 100 (AWS quotes up to 70%, typically 50–70%)."
        ));
    }
    Ok(())
}

/// The share of the on-demand compute price paid when `spot_share_pct` of task-hours run on
/// Spot at `spot_discount_pct` off: 1 − share × discount. Inputs are clamped to 0–100%.
pub fn spot_price_factor(spot_share_pct: f64, spot_discount_pct: f64) -> f64 {
    let fraction = |pct: f64| {
        if pct > 0.0 {
            pct.min(100.0) / 100.0
        } else {
            0.0
        }
    };
    1.0 - fraction(spot_share_pct) * fraction(spot_discount_pct)
}

/// Monthly cost of `avg_tasks` tasks running all month:
/// tasks × hours per month × (compute per hour × Spot factor + ephemeral storage per hour).
///
/// `compute_hourly_usd` is [`task_hourly_usd`]; `ephemeral_hourly_usd` is
/// [`ephemeral_storage_hourly_usd`]. The Spot discount applies to vCPU and memory only: Fargate
/// Spot is quoted per vCPU-hour and GB-hour, and the pricing page lists no Spot rate for ephemeral
/// storage, so storage is taken at its one listed rate (an assumption, on the high side).
/// A month is `hours_per_month` hours (the scenario's `deal.hours_per_month`).
pub fn monthly_cost_usd(
    avg_tasks: f64,
    compute_hourly_usd: f64,
    ephemeral_hourly_usd: f64,
    hours_per_month: f64,
    spot_share_pct: f64,
    spot_discount_pct: f64,
) -> f64 {
    let per_task_hour = compute_hourly_usd * spot_price_factor(spot_share_pct, spot_discount_pct)
        + ephemeral_hourly_usd;
    finite(avg_tasks.max(0.0) * hours_per_month.max(0.0) * per_task_hour)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn price(id: &str) -> f64 {
        crate::engine::catalog_price(id)
    }

    #[test]
    fn every_listed_size_is_valid() {
        let sizes: [(f64, Vec<f64>); 7] = [
            (0.25, vec![0.5, 1.0, 2.0]),
            (0.5, (1..=4).map(f64::from).collect()),
            (1.0, (2..=8).map(f64::from).collect()),
            (2.0, (4..=16).map(f64::from).collect()),
            (4.0, (8..=30).map(f64::from).collect()),
            (8.0, (4..=15).map(|k| f64::from(k) * 4.0).collect()),
            (16.0, (4..=15).map(|k| f64::from(k) * 8.0).collect()),
        ];
        for (vcpu, memory) in sizes {
            for m in memory {
                assert_eq!(validate_task_size(vcpu, m), Ok(()), "{vcpu} vCPU, {m} GB");
            }
        }
    }

    #[test]
    fn invalid_sizes_say_what_is_allowed() {
        let err = validate_task_size(1.0, 9.0).unwrap_err();
        assert!(err.contains("2 to 8 GB in 1 GB steps"), "{err}");
        let err = validate_task_size(0.25, 1.5).unwrap_err();
        assert!(err.contains("0.5, 1 or 2 GB"), "{err}");
        let err = validate_task_size(8.0, 18.0).unwrap_err();
        assert!(err.contains("16 to 60 GB in 4 GB steps"), "{err}");
        let err = validate_task_size(16.0, 36.0).unwrap_err();
        assert!(err.contains("32 to 120 GB in 8 GB steps"), "{err}");
        assert!(validate_task_size(4.0, 31.0).is_err());
        assert!(validate_task_size(2.0, 3.0).is_err());
        assert!(validate_task_size(2.0, 4.5).is_err());
        let err = validate_task_size(3.0, 8.0).unwrap_err();
        assert!(err.contains("0.25, 0.5, 1, 2, 4, 8 or 16 vCPU"), "{err}");
        assert!(validate_task_size(f64::NAN, 2.0).is_err());
        assert!(validate_task_size(1.0, f64::NAN).is_err());
    }

    #[test]
    fn one_vcpu_two_gb_x86_for_a_730_hour_month() {
        let arch = Arch::X86;
        let hourly = task_hourly_usd(
            1.0,
            2.0,
            price(arch.vcpu_hour_price_id()),
            price(arch.gb_hour_price_id()),
        );
        assert!((hourly - (0.04048 + 2.0 * 0.004445)).abs() < 1e-12);
        let month = monthly_cost_usd(1.0, hourly, 0.0, 730.0, 0.0, 0.0);
        // 730 × (0.04048 + 2 × 0.004445) = 730 × 0.04937 = 36.0401
        assert!((month - 36.0401).abs() < 1e-9, "{month}");
    }

    #[test]
    fn arm_tasks_use_the_graviton_prices() {
        let arch = Arch::Arm;
        let hourly = task_hourly_usd(
            2.0,
            4.0,
            price(arch.vcpu_hour_price_id()),
            price(arch.gb_hour_price_id()),
        );
        // 2 × 0.03238 + 4 × 0.00356 = 0.0790
        assert!((hourly - 0.0790).abs() < 1e-12);
        // Ten such tasks for a 720-hour month: 10 × 720 × 0.079 = 568.80
        assert!((monthly_cost_usd(10.0, hourly, 0.0, 720.0, 0.0, 0.0) - 568.8).abs() < 1e-9);
    }

    #[test]
    fn spot_share_and_discount() {
        // Half the task-hours on Spot at 70% off: pay 1 − 0.5 × 0.7 = 65% of on demand.
        assert!((spot_price_factor(50.0, 70.0) - 0.65).abs() < 1e-12);
        assert_eq!(spot_price_factor(0.0, 70.0), 1.0);
        assert_eq!(spot_price_factor(100.0, 0.0), 1.0);
        assert!((spot_price_factor(100.0, 60.0) - 0.4).abs() < 1e-12);
        assert_eq!(spot_price_factor(250.0, 150.0), 0.0);
        assert_eq!(spot_price_factor(f64::NAN, 50.0), 1.0);
        // 4 tasks of 1 vCPU / 2 GB, 730 h, half on Spot at 70% off: 4 × 36.0401 × 0.65
        let hourly = task_hourly_usd(
            1.0,
            2.0,
            price("aws.fargate.x86.vcpu_hour"),
            price("aws.fargate.x86.gb_hour"),
        );
        let month = monthly_cost_usd(4.0, hourly, 0.0, 730.0, 50.0, 70.0);
        assert!((month - 4.0 * 36.0401 * 0.65).abs() < 1e-9, "{month}");
        assert!(validate_spot(50.0, 70.0).is_ok());
        assert!(
            validate_spot(120.0, 70.0)
                .unwrap_err()
                .contains("from 0 to 100")
        );
        assert!(
            validate_spot(50.0, -5.0)
                .unwrap_err()
                .contains("from 0 to 100")
        );
        assert!(validate_spot(50.0, f64::NAN).is_err());
    }

    #[test]
    fn ephemeral_storage_above_twenty_gb() {
        let per_gb_hour = price("aws.fargate.ephemeral_gb_hour");
        assert_eq!(ephemeral_storage_hourly_usd(20.0, per_gb_hour), 0.0);
        assert_eq!(ephemeral_storage_hourly_usd(5.0, per_gb_hour), 0.0);
        // 50 GB: 30 GB billed × 0.000111 = 0.00333 per hour.
        let hourly = ephemeral_storage_hourly_usd(50.0, per_gb_hour);
        assert!((hourly - 0.00333).abs() < 1e-12);
        // Not discounted by Spot: 2 tasks, 730 h, all on Spot at 100% off leaves only storage.
        let month = monthly_cost_usd(2.0, 0.05, hourly, 730.0, 100.0, 100.0);
        assert!((month - 2.0 * 730.0 * 0.00333).abs() < 1e-9);
    }

    #[test]
    fn extreme_inputs_stay_finite() {
        let odd = [0.0, -1.0, 1e308, -1e308, f64::MIN_POSITIVE, 0.25];
        for &a in &odd {
            for &b in &odd {
                assert!(task_hourly_usd(a, b, a, b).is_finite());
                assert!(ephemeral_storage_hourly_usd(a, b).is_finite());
                assert!(monthly_cost_usd(a, b, a, b, a, b).is_finite());
                assert!(spot_price_factor(a, b).is_finite());
                let _ = validate_task_size(a, b);
                let _ = validate_spot(a, b);
            }
        }
    }
}
