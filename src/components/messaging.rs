//! The event bus or message broker between services (seed 004, "Message Queue Capacity"):
//! Amazon EventBridge billed per event, an Amazon MQ broker billed by the hour and its storage,
//! or a broker at a price the user types. A broker's throughput is a limit.
//!
//! Amazon MQ's prices are those the AWS Price List API gives Infracost's golden bill
//! (`mq_broker_test.golden`): the deployments listed here are the confirmed ones; any other is a
//! broker at a typed price.

use super::Component;
use crate::engine::Arg::{N, Usd};
use crate::engine::{Builder, Served, n, ratio};
use crate::report::{Category, Severity};
use crate::scenario::fields::Section;
use crate::scenario::inputs::{Input, choices, inputs};
use crate::units::{SECONDS_PER_DAY, Unit};

choices! {
    /// How events travel between services.
    pub enum MessagingKind {
        /// No event bus or broker in the scenario.
        None = "none" "None",
        /// Amazon EventBridge custom events, billed per event.
        Eventbridge = "eventbridge" "Amazon EventBridge (custom bus)",
        /// A message broker (Amazon MQ, a NATS cluster…) at a price the user types.
        Broker = "broker" "A message broker",
        /// An Amazon MQ broker at its list price.
        AmazonMq = "amazon_mq" "Amazon MQ broker",
    }
}

choices! {
    /// Amazon MQ deployments the price list has.
    pub enum MqBroker {
        /// Two mq.m5.large ActiveMQ brokers in two zones on shared EFS storage.
        M5LargeActivemqPair = "m5_large_activemq_pair" "mq.m5.large ActiveMQ, active/standby",
        /// One mq.m5.xlarge RabbitMQ broker.
        M5XlargeRabbitmq = "m5_xlarge_rabbitmq" "mq.m5.xlarge RabbitMQ, single",
        /// Three mq.m5.xlarge RabbitMQ nodes.
        M5XlargeRabbitmqCluster = "m5_xlarge_rabbitmq_cluster" "mq.m5.xlarge RabbitMQ, cluster of 3",
        /// One mq.t2.micro ActiveMQ broker.
        T2MicroActivemq = "t2_micro_activemq" "mq.t2.micro ActiveMQ, single",
    }
}

impl MqBroker {
    /// Its storage's price id: EFS for the active/standby pair, which shares it across zones;
    /// EBS for the others.
    fn storage_price_id(self) -> &'static str {
        match self {
            MqBroker::M5LargeActivemqPair => "aws.mq.efs_gb_month",
            _ => "aws.mq.ebs_gb_month",
        }
    }
}

fn messaging_on(m: &Messaging) -> bool {
    m.kind != MessagingKind::None
}

fn broker(m: &Messaging) -> bool {
    m.kind == MessagingKind::Broker
}

fn amazon_mq(m: &Messaging) -> bool {
    m.kind == MessagingKind::AmazonMq
}

fn any_broker(m: &Messaging) -> bool {
    broker(m) || amazon_mq(m)
}

inputs! {
    /// The event bus or message broker between services.
    pub struct Messaging {
        /// EventBridge, a broker, or none.
        pub kind: MessagingKind = MessagingKind::None
            => Input::choice("Event bus or broker", MessagingKind::OPTIONS)
                .help("EventBridge bills per event; a broker (Amazon MQ, a NATS cluster…) bills by the hour at a price you type.")
                .since(6),
        /// Events or messages published per day.
        pub events_per_day: f64 = 0.0
            => Input::number("Events per day", Unit::EventsPerDay, 0.0, 1.0e12)
                .help("Events or messages published per day, all services together.")
                .since(6)
                .volume()
            => if messaging_on,
        /// Peak message rate ÷ average message rate.
        pub peak_to_average: f64 = 3.0
            => Input::number("Peak-to-average ratio", Unit::Ratio, 1.0, 1_000.0)
                .help("Peak message rate ÷ average message rate.")
                .since(6)
            => if messaging_on,
        /// Broker: its price, in USD per month.
        pub broker_usd_per_month: f64 = 0.0
            => Input::number("Broker price", Unit::UsdPerMonth, 0.0, 1.0e7)
                .help("What the broker costs per month, instances and storage together. Headroom has no list price for brokers: type your provider's.")
                .since(6)
            => if broker,
        /// Broker: the messages per second it sustains.
        pub broker_capacity_msgs_per_s: f64 = 1_000.0
            => Input::number("Broker throughput", Unit::MessagesPerSecond, 1.0, 1.0e9)
                .help("Messages per second the broker sustains (e.g. 1,000 for mq.t3.micro by seed 004's table).")
                .since(6)
            => if any_broker,
        /// Amazon MQ: the deployment.
        pub mq_broker: MqBroker = MqBroker::M5XlargeRabbitmq
            => Input::choice("Broker", MqBroker::OPTIONS)
                .help("Deployments with a list price; type another's price as a message broker.")
            => if amazon_mq,
        /// Amazon MQ: storage, in GB.
        pub mq_storage_gb: f64 = 20.0
            => Input::number("Broker storage", Unit::Gigabytes, 0.0, 1.0e6)
                .help("Storage the broker keeps messages on (EFS for active/standby, else EBS).")
            => if amazon_mq,
    }
}

impl Section for Messaging {
    const TITLE: &'static str = "Messaging";
}

impl Component for Messaging {
    fn category(&self) -> Category {
        Category::MESSAGING
    }

    fn evaluate(&self, served: &Served, out: &mut Builder) {
        let m = self;
        if m.kind == MessagingKind::None {
            return;
        }
        let peak = out.figure(
            "messaging.peak_msgs_per_sec",
            "Peak messages per second",
            Unit::MessagesPerSecond,
            m.events_per_day / SECONDS_PER_DAY * m.peak_to_average,
            "events per day ÷ 86,400 × peak-to-average = {} ÷ 86,400 × {}",
            &[N(m.events_per_day), N(m.peak_to_average)],
        );
        let days = served.scenario.days_per_month();
        if m.kind == MessagingKind::Eventbridge {
            let per_million = out.price("aws.eventbridge.custom_per_million");
            let cost = out.figure(
                "messaging.cost_monthly_usd",
                "EventBridge",
                Unit::UsdPerMonth,
                m.events_per_day * days / 1.0e6 * per_million,
                "events per day × days ÷ 10⁶ × price per million (events up to 64 KB) = {} × {} ÷ 10⁶ × {}",
                &[N(m.events_per_day), N(days), Usd(per_million)],
            );
            out.cost(
                "messaging.cost_monthly_usd",
                self.category(),
                "EventBridge",
                cost,
            );
            return;
        }
        let used = out.figure(
            "messaging.broker_used_pct",
            "Peak messages as a share of the broker's throughput",
            Unit::Percent,
            100.0 * ratio(peak, m.broker_capacity_msgs_per_s),
            "peak messages/s ÷ broker throughput = {} ÷ {}",
            &[N(peak), N(m.broker_capacity_msgs_per_s)],
        );
        out.limit("Broker throughput", "messaging.broker_used_pct");
        if used > 100.0 {
            out.warn(
                "messaging.broker_saturated",
                Severity::Warning,
                || format!(
                    "The peak publishes {} messages/s but the broker sustains {}: messages would back up. Choose a larger broker or spread the peak.",
                    n(peak),
                    n(m.broker_capacity_msgs_per_s)
                ),
            );
        }
        if m.kind == MessagingKind::AmazonMq {
            let hours = served.scenario.deal.hours_per_month;
            let hourly = out.price(&format!("aws.mq.{}_hour", m.mq_broker.id()));
            let storage = out.price(m.mq_broker.storage_price_id());
            let cost = out.figure(
                "messaging.cost_monthly_usd",
                "Amazon MQ",
                Unit::UsdPerMonth,
                hours * hourly + m.mq_storage_gb * storage,
                "hours × broker-hour + GB × GB-month = {} × {} + {} × {}",
                &[N(hours), Usd(hourly), N(m.mq_storage_gb), Usd(storage)],
            );
            out.cost(
                "messaging.cost_monthly_usd",
                self.category(),
                "Amazon MQ",
                cost,
            );
            return;
        }
        out.typed_cost(
            "messaging.cost_monthly_usd",
            self.category(),
            "Message broker",
            m.broker_usd_per_month,
            ("The message broker", "the broker's price per month"),
        );
    }
}
