//! Component tests of the browser app, run by wasm-bindgen-test in headless Chromium:
//!
//! ```text
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test components
//! ```
//!
//! Each test mounts the app's shell with a fresh state into its own element, drives it through
//! DOM events as a person would, and reads the DOM.
#![cfg(target_arch = "wasm32")]

use headroom::engine;
use headroom::format;
use headroom::scenario::{Platform, fields, presets};
use headroom::ui::Shell;
use headroom::ui::form::{self, add_button_id, input_id, item_id, remove_button_id};
use headroom::ui::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A mounted app and the element it lives in; unmounted and removed on drop.
struct Mounted {
    root: HtmlElement,
    state: AppState,
    _handle: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

impl Mounted {
    /// The app mounted with the agent-platform preset, its effects run: the form, the report
    /// and the charts drawn.
    async fn new() -> Mounted {
        let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
        document().body().unwrap().append_child(&root).unwrap();
        let state = AppState::new(presets::by_id("agent-platform").unwrap().scenario());
        let handle =
            leptos::mount::mount_to(root.clone(), move || view! { <Shell state /> }.into_any());
        let app = Mounted {
            root,
            state,
            _handle: handle,
        };
        settle().await;
        app
    }

    fn find(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no element matches {selector}"))
    }

    fn input(&self, path: &str) -> HtmlInputElement {
        self.find(&format!("#{}", input_id(path))).unchecked_into()
    }

    /// Whether an element matches `selector`.
    fn has(&self, selector: &str) -> bool {
        self.root.query_selector(selector).unwrap().is_some()
    }

    /// Whether the field at `path` is in the form: a field that does not apply is left out.
    fn shown(&self, path: &str) -> bool {
        self.has(&format!("#{}", input_id(path)))
    }

    /// The text of the error message beside the field at `path`.
    fn error(&self, path: &str) -> String {
        self.find(&format!("#{}-error", input_id(path)))
            .text_content()
            .unwrap()
    }

    /// Picks `value` in the select of the field at `path`, as a person would.
    async fn choose(&self, path: &str, value: &str) {
        let select: HtmlSelectElement = self.find(&format!("#{}", input_id(path))).unchecked_into();
        select.set_value(value);
        fire(&select, "change").await;
    }

    /// Clicks the button with this id and lets the app react (and move the focus).
    async fn click(&self, id: &str) {
        let button: HtmlElement = self.find(&format!("#{id}")).unchecked_into();
        button.click();
        settle().await;
    }

    fn metric_value(&self, id: &str) -> String {
        self.find(&format!("tr[data-metric='{id}']"))
            .get_attribute("data-value")
            .unwrap_or_default()
    }

    /// Types `text` into a field as a person would: sets the value and fires `input`.
    async fn type_into(&self, path: &str, text: &str) {
        let input = self.input(path);
        input.set_value(text);
        fire(&input, "input").await;
    }
}

/// Fires a bubbling DOM event at an element, as the browser does when a person edits it, and
/// lets the app react.
async fn fire(target: &web_sys::EventTarget, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
    settle().await;
}

/// The id of the element that has the keyboard focus.
fn focused_id() -> String {
    document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

/// Waits `ms` milliseconds, then lets the effects run.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    settle().await;
}

/// Lets Leptos's scheduled effects run.
async fn settle() {
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn every_field_has_a_visible_label_unit_and_help() {
    let app = Mounted::new().await;
    // Every section on, and an item in every list, so that most fields are in the form.
    for section in fields::sections() {
        if let Some(switch) = section.switch {
            app.choose(&format!("{}.{switch}", section.key), "yes")
                .await;
        }
    }
    for list in fields::lists() {
        app.click(&add_button_id(list.key)).await;
    }
    let scenario = app.state.scenario.get_untracked();
    let rows: Vec<(String, &str, &str, bool)> = fields::all(&scenario)
        .map(|f| {
            let input = f.input();
            (
                f.path().into_owned(),
                input.label,
                input.help,
                f.shown(&scenario),
            )
        })
        .collect();
    let shown = rows.iter().filter(|row| row.3).count();
    assert!(shown > 100, "only {shown} fields shown");
    for (path, label_text, help_text, shown) in rows {
        let id = input_id(&path);
        // A field that does not apply is not in the page, so it cannot be confused with one
        // that does.
        assert_eq!(app.shown(&path), shown, "{path}");
        if !shown {
            continue;
        }
        let label = app.find(&format!("label[for='{id}']"));
        assert_eq!(label.text_content().unwrap(), label_text, "{path}");
        let control = app.find(&format!("#{id}"));
        let described = control.get_attribute("aria-describedby").unwrap();
        let help = app.find(&format!("#{id}-help"));
        assert!(described.contains(&help.id()), "{path}");
        assert_eq!(help.text_content().unwrap(), help_text);
        assert_eq!(
            control.get_attribute("aria-invalid").as_deref(),
            Some("false")
        );
    }
}

#[wasm_bindgen_test]
async fn the_report_shows_every_metric_the_engine_makes() {
    let app = Mounted::new().await;
    let report = engine::evaluate(&app.state.scenario.get_untracked());
    for m in &report.metrics {
        let row = app.find(&format!("tr[data-metric='{}']", m.id));
        assert_eq!(
            row.get_attribute("data-value")
                .unwrap()
                .parse::<f64>()
                .unwrap(),
            m.value,
            "{}",
            m.id
        );
        let shown = row
            .query_selector("td.num")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap();
        assert_eq!(shown, format::with_unit(m.value, m.unit), "{}", m.id);
        let formula = row
            .query_selector(".formula")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap();
        assert_eq!(formula, m.formula);
    }
    let text = app.root.text_content().unwrap();
    assert!(
        !text.contains("NaN") && !text.contains("inf"),
        "the page shows NaN or inf"
    );
}

#[wasm_bindgen_test]
async fn an_edit_recomputes_at_once() {
    let app = Mounted::new().await;
    app.type_into("workload.runs_per_day", "20,000").await;
    assert_eq!(app.metric_value("load.steps_per_day"), "120000");
    assert_eq!(
        app.state.scenario.get_untracked().workload.runs_per_day,
        20_000.0
    );
}

#[wasm_bindgen_test]
async fn bad_input_is_marked_and_the_report_goes_stale() {
    let app = Mounted::new().await;
    let stale = app.find(".stale");
    assert!(stale.has_attribute("hidden"));
    for bad in ["", "abc", "-5", "1e300", "NaN"] {
        app.type_into("workload.runs_per_day", bad).await;
        let input = app.input("workload.runs_per_day");
        assert_eq!(
            input.get_attribute("aria-invalid").as_deref(),
            Some("true"),
            "{bad:?}"
        );
        let message = app
            .find("#f-workload-runs_per_day-error")
            .text_content()
            .unwrap();
        assert!(
            message.contains("Allowed: a number from 1 to 1,000,000,000"),
            "{bad:?}: {message}"
        );
        assert_eq!(app.metric_value("load.steps_per_day"), "60000", "{bad:?}");
        assert!(!stale.has_attribute("hidden"), "{bad:?}");
        assert_eq!(input.value(), bad, "the typed text is kept");
    }
    app.type_into("workload.runs_per_day", "5000").await;
    assert_eq!(
        app.input("workload.runs_per_day")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("false")
    );
    assert_eq!(
        app.find("#f-workload-runs_per_day-error")
            .text_content()
            .unwrap(),
        ""
    );
    assert!(stale.has_attribute("hidden"));
    assert_eq!(app.metric_value("load.steps_per_day"), "30000");
}

#[wasm_bindgen_test]
async fn a_pending_field_is_accepted_once_its_partner_allows_it() {
    let app = Mounted::new().await;
    app.type_into("compute.min_instances", "150").await;
    let min = app.input("compute.min_instances");
    assert_eq!(min.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(
        app.find("#f-compute-min_instances-error")
            .text_content()
            .unwrap()
            .contains("must not exceed maximum")
    );
    app.type_into("compute.max_instances", "200").await;
    assert_eq!(min.get_attribute("aria-invalid").as_deref(), Some("false"));
    assert_eq!(
        app.state.scenario.get_untracked().compute.min_instances,
        150.0
    );
    assert_eq!(app.metric_value("capacity.instances_peak"), "150");
}

/// A regression test: switching a service to Fargate while its size is one Fargate does not
/// offer was accepted, the saved scenario was then invalid, and reloading the page lost it.
#[wasm_bindgen_test]
async fn an_edit_that_breaks_a_rule_of_other_fields_is_refused() {
    let app = Mounted::new().await;
    app.click(&add_button_id("services")).await;
    app.choose("services.0.platform", "fargate").await;
    assert!(
        app.error("services.0.platform")
            .contains("Fargate task cannot have 0.5 GB"),
        "{}",
        app.error("services.0.platform")
    );
    let scenario = app.state.scenario.get_untracked();
    assert_eq!(scenario.services[0].platform, Platform::CloudRun);
    assert!(scenario.validate().is_empty());
    // A memory Fargate allows for 1 vCPU lets the pending switch through.
    app.type_into("services.0.memory_gib", "2").await;
    let scenario = app.state.scenario.get_untracked();
    assert_eq!(scenario.services[0].platform, Platform::Fargate);
    assert!(scenario.validate().is_empty());
    assert_eq!(app.error("services.0.platform"), "");

    // Aurora's minimum above its average is refused, though the rule is the average's.
    app.choose("aurora.enabled", "yes").await;
    app.type_into("aurora.min_acu", "4").await;
    assert!(
        app.error("aurora.min_acu")
            .contains("between the minimum and the maximum")
    );
    assert_eq!(app.state.scenario.get_untracked().aurora.min_acu, 0.5);
}

#[wasm_bindgen_test]
async fn custom_prices_show_only_for_the_custom_model() {
    let app = Mounted::new().await;
    assert!(app.shown("llm.custom_input_usd_per_mtok"));
    let model: HtmlSelectElement = app.find("#f-llm-model").unchecked_into();
    model.set_value("gpt-4o-mini");
    fire(&model, "change").await;
    assert_eq!(app.state.scenario.get_untracked().llm.model, "gpt-4o-mini");
    assert!(!app.shown("llm.custom_input_usd_per_mtok"));
    // 60,000 calls × (2,000 × $0.15 + 500 × $0.60) ÷ 1M = $36/day
    assert_eq!(
        app.metric_value("llm.cost_per_day_usd")
            .parse::<f64>()
            .unwrap()
            .round(),
        36.0
    );
}

#[wasm_bindgen_test]
async fn replaced_work_can_be_restored() {
    let app = Mounted::new().await;
    app.type_into("workload.runs_per_day", "7000").await;
    assert!(!app.has(".set-aside"));
    assert!(!app.has(".recent"));
    app.state.replace_keeping(
        presets::by_id("agent-platform").unwrap().scenario(),
        "You picked a preset.",
    );
    settle().await;
    let notice = app.find(".set-aside");
    assert!(
        notice
            .text_content()
            .unwrap()
            .contains("is kept under Recent")
    );
    assert_eq!(
        app.find(".recent-toggle").text_content().unwrap(),
        "Recent (1)"
    );
    assert_eq!(app.input("workload.runs_per_day").value(), "10,000");
    let restore: HtmlElement = notice
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(restore.text_content().unwrap(), "Restore previous scenario");
    restore.click();
    settle().await;
    assert_eq!(app.input("workload.runs_per_day").value(), "7,000");
    assert_eq!(app.metric_value("load.steps_per_day"), "42000");
    // The preset's scenario is kept in turn, and opens again from Recent; the work restored is
    // open, so no longer listed.
    assert_eq!(
        app.find(".recent-toggle").text_content().unwrap(),
        "Recent (1)"
    );
    let newest: HtmlElement = app
        .find(".recent button[data-act='open'][data-index='0']")
        .unchecked_into();
    assert_eq!(newest.text_content().unwrap(), "Open “agent-platform”");
    newest.click();
    settle().await;
    assert_eq!(app.input("workload.runs_per_day").value(), "10,000");
    let listed = app.find(".recent button[data-act='open']");
    assert_eq!(listed.text_content().unwrap(), "Open “agent-platform”");
    assert_eq!(
        app.find(".recent-toggle").text_content().unwrap(),
        "Recent (1)"
    );
}

#[wasm_bindgen_test]
async fn a_catalog_price_can_be_overridden_in_the_report() {
    let app = Mounted::new().await;
    let id = "gcp.run.request.vcpu_second";
    let input: HtmlInputElement = app
        .find("#price-gcp-run-request-vcpu_second")
        .unchecked_into();
    assert_eq!(
        input.get_attribute("aria-label").unwrap(),
        "Your price: Cloud Run request-based: vCPU-second"
    );
    let cpu_before: f64 = app
        .metric_value("cost.compute_cpu_monthly_usd")
        .parse()
        .unwrap();
    input.set_value("0.000012");
    fire(&input, "input").await;
    assert_eq!(
        app.state.scenario.get_untracked().prices.get(id),
        Some(&0.000012)
    );
    let cpu_after: f64 = app
        .metric_value("cost.compute_cpu_monthly_usd")
        .parse()
        .unwrap();
    assert!(
        (cpu_after - cpu_before / 2.0).abs() < 1e-9,
        "{cpu_before} → {cpu_after}"
    );
    let source = app
        .find(&format!("tr[data-price='{id}'] .source"))
        .text_content()
        .unwrap();
    assert!(source.starts_with("overridden in the scenario"), "{source}");

    input.set_value("-1");
    fire(&input, "input").await;
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(!app.find(".stale").has_attribute("hidden"));
    assert_eq!(
        app.state.scenario.get_untracked().prices.get(id),
        Some(&0.000012)
    );

    input.set_value("");
    fire(&input, "input").await;
    assert!(app.state.scenario.get_untracked().prices.is_empty());
    assert!(app.find(".stale").has_attribute("hidden"));
    let cpu_back: f64 = app
        .metric_value("cost.compute_cpu_monthly_usd")
        .parse()
        .unwrap();
    assert_eq!(cpu_back, cpu_before);
}

/// The text of the element with this id in the whole document.
fn text_of(id: &str) -> String {
    document()
        .get_element_by_id(id)
        .unwrap_or_else(|| panic!("no element with id {id}"))
        .text_content()
        .unwrap()
}

/// The SVG namespace, which a chart's `<title>` must be in to be the drawing's own title.
const SVG_NS: &str = "http://www.w3.org/2000/svg";

#[wasm_bindgen_test]
async fn the_cost_chart_says_its_numbers_in_words() {
    let app = Mounted::new().await;
    let svg = app.find(".cost-chart svg");
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    // Its accessible name: the SVG's own title.
    let labelled_by = svg.get_attribute("aria-labelledby").unwrap();
    assert_eq!(text_of(&labelled_by), "Monthly cost by category");
    let title = svg.query_selector("title").unwrap().unwrap();
    assert_eq!(title.id(), labelled_by);
    assert_eq!(title.namespace_uri().as_deref(), Some(SVG_NS));
    // Its text alternative: every amount drawn, in words.
    let described_by = svg.get_attribute("aria-describedby").unwrap();
    let words = text_of(&described_by);
    let report = engine::evaluate(&app.state.scenario.get_untracked());
    for id in [
        "llm.cost_per_month_usd",
        "cost.compute_monthly_usd",
        "cost.total_monthly_usd",
    ] {
        let money = format::money(report.value(id).unwrap());
        assert!(words.contains(&money), "{money} not in {words}");
    }
    assert!(words.contains(&format!(
        "LLM {} a month",
        format::money(report.value("llm.cost_per_month_usd").unwrap())
    )));
    // Each bar is labelled with its amount, not told apart by colour alone.
    for (category, id) in [
        ("llm", "llm.cost_per_month_usd"),
        ("compute", "cost.compute_monthly_usd"),
    ] {
        let bar = app.find(&format!(".cost-chart g[data-category='{category}']"));
        let value = report.value(id).unwrap();
        assert_eq!(
            bar.get_attribute("data-value").unwrap().parse::<f64>(),
            Ok(value)
        );
        let label = bar.query_selector(".chart-value").unwrap().unwrap();
        assert!(
            label
                .text_content()
                .unwrap()
                .starts_with(&format::money(value)),
            "{category}"
        );
    }

    // It follows an edit: twice the runs, twice the LLM bill.
    app.type_into("workload.runs_per_day", "20000").await;
    let doubled = format::money(2.0 * report.value("llm.cost_per_month_usd").unwrap());
    let words = text_of(&described_by);
    assert!(words.contains(&doubled), "{doubled} not in {words}");
}

#[wasm_bindgen_test]
async fn the_projection_follows_growth_and_its_length() {
    let app = Mounted::new().await;
    let rows = |app: &Mounted| {
        app.root
            .query_selector_all(".month-table tbody tr")
            .unwrap()
            .length()
    };
    // No growth entered: every month is the launch month, said in one line, not 24 equal bars;
    // the table has the launch and each of the 24 months after it.
    assert_eq!(app.state.scenario.get_untracked().growth.months, 24);
    assert_eq!(rows(&app), 25);
    assert!(!app.has(".projection-chart"));
    let flat = app.find(".flat-projection").text_content().unwrap();
    assert!(
        flat.starts_with(
            "Every month bills as the launch. Launch: 1 customer, $24,704 a month (LLM $24,638, Compute $66.54, Database $0.00) against $41,667 revenue, a gross margin of 40.7%."
        ),
        "{flat}"
    );
    let length: HtmlSelectElement = app.find("#f-growth-months").unchecked_into();
    length.set_value("36");
    fire(&length, "change").await;
    assert_eq!(app.state.scenario.get_untracked().growth.months, 36);
    assert_eq!(rows(&app), 37);

    app.type_into("growth.customers_at_24_months", "10").await;
    assert_eq!(rows(&app), 37);
    // The first row is the launch the headline shows; one cell per column of the month, each
    // with its key and raw value.
    let first = app.find(".month-table tr[data-month='0']");
    assert_eq!(
        first
            .query_selector("th")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Launch"
    );
    let report = engine::evaluate(&app.state.scenario.get_untracked());
    assert_eq!(
        report.projection[0].total_monthly_usd,
        report.value("cost.total_monthly_usd").unwrap()
    );
    for (key, _, unit, value) in report.projection[0].columns() {
        let cell = first
            .query_selector(&format!("td[data-column='{key}']"))
            .unwrap()
            .unwrap_or_else(|| panic!("no {key} cell"));
        assert_eq!(
            cell.get_attribute("data-value").unwrap().parse::<f64>(),
            Ok(value)
        );
        assert_eq!(cell.text_content().unwrap(), format::value(value, unit));
    }
    let chart = app.find(".projection-chart svg");
    assert_eq!(chart.get_attribute("role").as_deref(), Some("img"));
    assert!(text_of(&chart.get_attribute("aria-labelledby").unwrap()).starts_with("Monthly cost"));

    let expected = engine::evaluate(&app.state.scenario.get_untracked()).projection;
    let total = |month: u32| -> f64 {
        app.find(&format!(
            ".month-table tr[data-month='{month}'] td[data-column='total_monthly_usd']"
        ))
        .get_attribute("data-value")
        .unwrap()
        .parse()
        .unwrap()
    };
    assert_eq!(total(24), expected[24].total_monthly_usd);
    assert_eq!(total(36), expected[36].total_monthly_usd);
    assert!(total(24) > total(0) * 5.0, "{} vs {}", total(24), total(0));
    let bars = app
        .root
        .query_selector_all(".projection-chart rect.bar.llm")
        .unwrap()
        .length();
    assert_eq!(bars, 37);
    // The margin has its own line and axis, so costs far below revenue still show.
    assert!(app.has(".projection-chart polyline.margin-line"));
    // The words name the launch and the last month with their totals.
    let words = text_of(&chart.get_attribute("aria-describedby").unwrap());
    for m in [&expected[0], &expected[36]] {
        let said = format!("{}: {} customer", m.name(), format::plain(m.customers));
        assert!(words.contains(&said), "{said} not in {words}");
        let money = format::money(m.total_monthly_usd);
        assert!(words.contains(&money), "{money} not in {words}");
    }

    // Back to 24 months: 24 rows again.
    length.set_value("24");
    fire(&length, "change").await;
    assert_eq!(rows(&app), 25);
}

#[wasm_bindgen_test]
async fn limits_are_listed_tightest_first() {
    let app = Mounted::new().await;
    app.type_into("llm.rate_limit_requests_per_min", "100")
        .await;
    let first = app.find(".limits tbody tr");
    assert_eq!(
        first.get_attribute("data-limit").as_deref(),
        Some("llm.rate_limit_requests_used_pct")
    );
    // 125 calls a minute against 100, up to floating-point rounding in the rate arithmetic.
    let used: f64 = first.get_attribute("data-value").unwrap().parse().unwrap();
    assert!((used - 125.0).abs() < 1e-9, "{used}");
    assert!(first.query_selector(".meter-fill.over").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn a_form_section_folds_away_and_back() {
    let app = Mounted::new().await;
    let scenario = presets::by_id("agent-platform").unwrap().scenario();
    let sections = app
        .root
        .query_selector_all("form details.form-section")
        .unwrap();
    assert_eq!(sections.length() as usize, fields::groups().len());
    for (i, section) in fields::groups().iter().enumerate() {
        let details: web_sys::HtmlDetailsElement =
            sections.item(i as u32).unwrap().unchecked_into();
        // A group that does not apply (Uncertainty, without ranges) is hidden.
        if !section.is_shown(&scenario) {
            assert!(details.hidden(), "{} is hidden", section.title());
            continue;
        }
        let in_use = section.is_in_use(&scenario);
        // Open when it counts; else folded to one line that says what it adds.
        assert_eq!(
            details.open(),
            in_use,
            "{} starts open: {in_use}",
            section.title()
        );
        let text = |selector: &str| {
            details
                .query_selector(selector)
                .unwrap()
                .unwrap_or_else(|| panic!("no {selector} in {}", section.title()))
                .text_content()
                .unwrap()
        };
        let heading = text(":scope > summary");
        if in_use {
            assert_eq!(heading, section.title());
        } else {
            assert!(
                heading.starts_with(&format!("{} — ", section.title()))
                    && heading.ends_with(section.adds())
                    && !section.adds().is_empty(),
                "{heading}"
            );
        }
        // Its fields grouped under the same name.
        assert_eq!(text(":scope > fieldset > legend"), section.title());
    }

    let workload: web_sys::HtmlDetailsElement = sections.item(1).unwrap().unchecked_into();
    let peak = app.input("workload.peak_to_average");
    assert!(workload.contains(Some(&peak)));
    // The deal's inputs are at the top, not in their sections.
    let runs = app.input("workload.runs_per_day");
    assert!(!workload.contains(Some(&runs)));
    assert!(
        app.find(&format!("#{}", form::DEAL_ID))
            .contains(Some(&runs))
    );
    let summary: HtmlElement = workload
        .query_selector(":scope > summary")
        .unwrap()
        .unwrap()
        .unchecked_into();
    // Whether the browser then shows the fields is for the end-to-end test to see.
    summary.click();
    settle().await;
    assert!(!workload.open());
    summary.click();
    settle().await;
    assert!(workload.open());
    app.type_into("workload.runs_per_day", "20000").await;
    assert_eq!(app.metric_value("load.steps_per_day"), "120000");
}

#[wasm_bindgen_test]
async fn a_section_switch_shows_and_hides_its_fields() {
    let app = Mounted::new().await;
    let aurora = fields::sections().find(|s| s.key == "aurora").unwrap();
    let switch = "aurora.enabled";
    assert_eq!(aurora.switch, Some("enabled"));
    let details = app
        .find(&format!("#{}", input_id(switch)))
        .closest("details")
        .unwrap()
        .unwrap();
    // The switch opens its section, labelled with the section's name.
    let first = details
        .query_selector(".field select, .field input")
        .unwrap()
        .unwrap();
    assert_eq!(first.id(), input_id(switch));
    assert_eq!(
        app.find(&format!("label[for='{}']", input_id(switch)))
            .text_content()
            .unwrap(),
        "Aurora Serverless v2"
    );
    let aurora_fields: Vec<String> = aurora
        .fields()
        .map(|f| f.path().into_owned())
        .filter(|path| path != switch)
        .collect();
    assert!(aurora_fields.iter().any(|p| p == "aurora.min_acu"));

    // Off: only the switch, saying so.
    app.choose(switch, "no").await;
    assert!(!app.state.scenario.get_untracked().aurora.enabled);
    assert!(app.shown(switch));
    let select: HtmlSelectElement = app.find(&format!("#{}", input_id(switch))).unchecked_into();
    assert_eq!(select.value(), "no");
    let chosen = select
        .query_selector("option[value='no']")
        .unwrap()
        .unwrap();
    assert_eq!(chosen.text_content().unwrap(), "No Aurora cluster");
    assert!(details.class_list().contains("off"));
    for path in &aurora_fields {
        assert!(!app.shown(path), "{path} is hidden while Aurora is off");
    }

    // On: its fields appear.
    app.choose(switch, "yes").await;
    assert!(app.state.scenario.get_untracked().aurora.enabled);
    assert!(!details.class_list().contains("off"));
    assert!(app.shown("aurora.min_acu"));
    assert!(app.shown("aurora.max_acu"));

    // Text pending in a field that is switched away does not hold the report stale, and comes
    // back with its message when the section does.
    let stale = app.find(".stale");
    app.type_into("aurora.max_acu", "abc").await;
    assert!(!stale.has_attribute("hidden"));
    app.choose(switch, "no").await;
    assert!(stale.has_attribute("hidden"));
    app.choose(switch, "yes").await;
    assert!(!stale.has_attribute("hidden"));
    assert_eq!(app.input("aurora.max_acu").value(), "abc");
    assert!(app.error("aurora.max_acu").contains("Allowed"));

    // Runs off: the sections that exist only for runs disappear, switch and all.
    let llm = app
        .input("llm.enabled")
        .closest("details")
        .unwrap()
        .unwrap();
    app.choose("workload.enabled", "no").await;
    assert!(llm.has_attribute("hidden"));
    assert!(!app.shown("llm.enabled"));
    assert!(!app.shown("workload.runs_per_day"));
    assert!(app.shown("workload.enabled"));
    app.choose("workload.enabled", "yes").await;
    assert!(!llm.has_attribute("hidden"));
    assert!(app.shown("workload.runs_per_day"));
}

#[wasm_bindgen_test]
async fn an_added_service_shows_its_fields_and_takes_edits() {
    let app = Mounted::new().await;
    assert!(app.state.scenario.get_untracked().services.is_empty());
    assert!(!app.has("#f-services-0-vcpu"));
    let add = app.find(&format!("#{}", add_button_id("services")));
    assert_eq!(add.text_content().unwrap(), "Add service");
    let empty = add
        .closest("details")
        .unwrap()
        .unwrap()
        .query_selector(".list-empty")
        .unwrap()
        .unwrap();
    assert_eq!(empty.text_content().unwrap(), "No service yet.");
    assert!(!empty.has_attribute("hidden"));

    app.click(&add_button_id("services")).await;
    assert_eq!(app.state.scenario.get_untracked().services.len(), 1);
    assert!(empty.has_attribute("hidden"));
    for key in ["name", "platform", "vcpu", "memory_gib", "max_instances"] {
        assert!(app.has(&format!("#f-services-0-{key}")), "{key}");
    }
    // The new item's first input has the focus, ready for its name.
    assert_eq!(focused_id(), "f-services-0-name");
    let item = app.find(&format!("#{}", item_id("services", 0)));
    let legend = || {
        item.query_selector("legend")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert_eq!(legend(), "Service 1: service-1");

    app.type_into("services.0.vcpu", "2").await;
    app.type_into("services.0.name", "api").await;
    let service = &app.state.scenario.get_untracked().services[0];
    assert_eq!(service.vcpu, 2.0);
    assert_eq!(service.name, "api");
    assert_eq!(legend(), "Service 1: api");
    let remove = app.find(&format!("#{}", remove_button_id("services", 0)));
    assert_eq!(
        remove.get_attribute("aria-label").unwrap(),
        "Remove service api"
    );

    // Fields that apply to another platform show only on it.
    assert!(!app.shown("services.0.usd_per_instance_hour"));
    app.choose("services.0.platform", "fixed").await;
    assert!(app.shown("services.0.usd_per_instance_hour"));
    app.type_into("services.0.usd_per_instance_hour", "0.25")
        .await;
    assert_eq!(
        app.state.scenario.get_untracked().services[0].usd_per_instance_hour,
        0.25
    );
}

#[wasm_bindgen_test]
async fn bad_input_in_an_item_field_is_marked_and_the_last_valid_value_kept() {
    let app = Mounted::new().await;
    app.click(&add_button_id("services")).await;
    app.type_into("services.0.memory_gib", "2").await;
    let stale = app.find(".stale");
    assert!(stale.has_attribute("hidden"));

    app.type_into("services.0.memory_gib", "lots").await;
    let input = app.input("services.0.memory_gib");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(
        app.error("services.0.memory_gib")
            .contains("is not a number")
    );
    assert!(
        input
            .get_attribute("aria-describedby")
            .unwrap()
            .contains("f-services-0-memory_gib-error")
    );
    assert_eq!(input.value(), "lots", "the typed text is kept");
    assert_eq!(
        app.state.scenario.get_untracked().services[0].memory_gib,
        2.0
    );
    assert!(!stale.has_attribute("hidden"));

    // A rule tying two fields of the item: the message goes where it was typed.
    app.type_into("services.0.vcpu", "12").await;
    assert!(
        app.error("services.0.vcpu")
            .contains("Cloud Run allows up to 8 vCPU")
    );
    assert_eq!(app.state.scenario.get_untracked().services[0].vcpu, 1.0);
    // On a fixed instance the same vCPU is fine, so the pending text is taken.
    app.choose("services.0.platform", "fixed").await;
    assert_eq!(app.error("services.0.vcpu"), "");
    assert_eq!(app.state.scenario.get_untracked().services[0].vcpu, 12.0);

    app.type_into("services.0.memory_gib", "4").await;
    assert_eq!(
        input.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    assert_eq!(app.error("services.0.memory_gib"), "");
    assert_eq!(
        app.state.scenario.get_untracked().services[0].memory_gib,
        4.0
    );
    assert!(stale.has_attribute("hidden"));
}

#[wasm_bindgen_test]
async fn removing_an_item_removes_its_fields() {
    let app = Mounted::new().await;
    app.click(&add_button_id("services")).await;
    app.click(&add_button_id("services")).await;
    app.type_into("services.0.name", "gateway").await;
    app.type_into("services.1.name", "api").await;
    app.type_into("services.1.vcpu", "abc").await;
    assert!(app.has("#f-services-1-vcpu"));

    app.click(&remove_button_id("services", 0)).await;
    let services = app.state.scenario.get_untracked().services;
    assert_eq!(services.len(), 1);
    assert_eq!(services[0].name, "api");
    assert!(!app.has(&format!("#{}", item_id("services", 1))));
    assert!(!app.has("#f-services-1-vcpu"));
    // What was typed into the item that moved up moves with it.
    assert_eq!(app.input("services.0.name").value(), "api");
    assert_eq!(app.input("services.0.vcpu").value(), "abc");
    assert!(app.error("services.0.vcpu").contains("is not a number"));
    // The focus is on the next item's "Remove" button, which now names it.
    assert_eq!(focused_id(), remove_button_id("services", 0));
    assert_eq!(
        app.find(&format!("#{}", remove_button_id("services", 0)))
            .get_attribute("aria-label")
            .unwrap(),
        "Remove service api"
    );

    app.click(&remove_button_id("services", 0)).await;
    assert!(app.state.scenario.get_untracked().services.is_empty());
    assert!(!app.has(&format!("#{}", item_id("services", 0))));
    assert!(!app.has("#f-services-0-vcpu"));
    assert!(app.find(".stale").has_attribute("hidden"));
    assert_eq!(focused_id(), add_button_id("services"));
}

#[wasm_bindgen_test]
async fn a_full_list_says_why_nothing_more_can_be_added() {
    let app = Mounted::new().await;
    let list = fields::list("fixed_costs").unwrap();
    let add = app.find(&format!("#{}", add_button_id(list.key)));
    for _ in 0..list.max_items {
        assert!(!add.has_attribute("disabled"));
        app.click(&add_button_id(list.key)).await;
    }
    assert_eq!(
        app.state.scenario.get_untracked().fixed_costs.len(),
        list.max_items
    );
    assert!(add.has_attribute("disabled"));
    let note = app
        .find(&format!("#{}-note", add_button_id(list.key)))
        .text_content()
        .unwrap();
    assert!(note.contains("at most 20"), "{note}");
    assert!(
        add.get_attribute("aria-describedby")
            .unwrap()
            .contains(&format!("{}-note", add_button_id(list.key)))
    );
    app.click(&remove_button_id(list.key, 3)).await;
    assert!(!add.has_attribute("disabled"));
}

/// The first share link of format 9 in the corpus, and the percentiles recorded for it by the
/// command line (natively).
fn recorded_run() -> (headroom::scenario::Scenario, Vec<(String, f64)>) {
    let corpus = include_str!("links/v9.txt");
    let entry = corpus.lines().find(|l| l.starts_with("v9.")).unwrap();
    let mut words = entry.split(' ');
    let scenario = headroom::export::link::decode(words.next().unwrap()).unwrap();
    let recorded = words
        .filter(|w| w.starts_with('P'))
        .map(|w| {
            let (id, value) = w.split_once('=').unwrap();
            (id.to_string(), value.parse().unwrap())
        })
        .collect();
    (scenario, recorded)
}

#[wasm_bindgen_test]
fn the_monte_carlo_run_draws_in_webassembly_what_it_draws_natively() {
    let (scenario, recorded) = recorded_run();
    let run = engine::uncertainty::simulate(&scenario).unwrap();
    assert_eq!(run.samples, 10_000);
    for (key, value) in recorded {
        let (percentile, id) = key.split_once(':').unwrap();
        let spread = run.spread(id).unwrap();
        let got = match percentile {
            "P10" => spread.p10,
            "P50" => spread.p50,
            _ => spread.p90,
        };
        assert_eq!(got.to_bits(), value.to_bits(), "{key}: {got} ≠ {value}");
    }
}

/// What the page's worker answers to the page's scenario, made here by the worker's own code
/// (`worker::Sampler`), as the worker's module is not served to these tests.
fn worker_run(state: AppState) -> headroom::report::uncertainty::Uncertainty {
    use headroom::worker::{Reply, Request, Sampler};
    let link = state
        .scenario
        .with_untracked(headroom::export::link::encode);
    let mut sampler = Sampler::default();
    sampler.start(&Request { run: 1, link }.to_text());
    loop {
        match sampler.slice(f64::INFINITY, usize::MAX, &js_sys::Date::now) {
            Some(Reply::Done { uncertainty, .. }) => return *uncertainty,
            Some(Reply::Progress { .. }) => continue,
            other => panic!("{other:?}"),
        }
    }
}

#[wasm_bindgen_test]
async fn a_range_typed_in_the_form_shows_each_figures_spread() {
    let app = Mounted::new().await;
    headroom::ui::sampling::keep_sampling(app.state);
    settle().await;
    let id = input_id("workload.runs_per_day");
    app.click(&format!("{id}-toggle")).await;
    assert!(!app.find(&format!("#{id}-range")).has_attribute("hidden"));
    assert_eq!(focused_id(), format!("{id}-low"));
    let low: HtmlInputElement = app.find(&format!("#{id}-low")).unchecked_into();
    low.set_value("8000");
    fire(&low, "input").await;
    // One bound is not yet a range, nor a mistake: nothing is marked, and nothing is drawn.
    assert_eq!(
        app.find(&format!("#{id}-range-error"))
            .text_content()
            .unwrap(),
        ""
    );
    assert!(app.state.scenario.get_untracked().ranges.is_empty());
    assert!(app.state.sampling.get_untracked().is_none());
    let high: HtmlInputElement = app.find(&format!("#{id}-high")).unchecked_into();
    high.set_value("12000");
    fire(&high, "input").await;
    assert_eq!(
        app.find(&format!("#{id}-range-error"))
            .text_content()
            .unwrap(),
        ""
    );
    assert!(!app.state.scenario.get_untracked().ranges.is_empty());
    // The page starts its worker to draw the samples. These tests do not serve the worker's
    // module, so it cannot load: the page says so, and the range and the figures stay.
    let error = app.find(".sampling-error");
    for _ in 0..400 {
        if !error.has_attribute("hidden") {
            break;
        }
        settle().await;
    }
    assert!(!error.has_attribute("hidden"));
    assert!(
        error
            .text_content()
            .unwrap()
            .contains("could not be loaded"),
        "{:?}",
        error.text_content()
    );
    assert!(app.state.sampling.get_untracked().is_none());
    assert!(!app.state.scenario.get_untracked().ranges.is_empty());
    assert!(!app.has("[data-odds]"));
    // What the worker makes of the scenario shows each figure's spread and the histogram.
    let run = worker_run(app.state);
    app.state.uncertainty.set(Some(run));
    settle().await;
    let cell = app.find("[data-spread='load.runs_per_day'][data-p10]");
    let p10: f64 = cell.get_attribute("data-p10").unwrap().parse().unwrap();
    let p90: f64 = cell.get_attribute("data-p90").unwrap().parse().unwrap();
    assert!(8_000.0 < p10 && p10 < p90 && p90 < 12_000.0, "{p10} {p90}");
    assert!(app.has(".total-histogram svg[role='img']"));
    // Taken off, the figures are points again, and nothing is left to draw.
    app.click(&format!("{id}-toggle")).await;
    let remove: HtmlElement = app
        .find(&format!("#{id}-range button.remove"))
        .unchecked_into();
    remove.click();
    settle().await;
    settle().await;
    assert!(!app.has("[data-odds]"));
    assert!(app.state.scenario.get_untracked().ranges.is_empty());
    assert!(error.has_attribute("hidden"));
}

/// The compare-and-scale panel: opened, the page hands it the scenario's link; its views (the
/// module the page loads, mounted here directly) draw the engine's tiers and follow each edit;
/// a comparison link's other scenario turns it to the comparison.
#[wasm_bindgen_test]
async fn the_compare_and_scale_panel_follows_the_scenario_and_a_comparison_link() {
    use headroom::engine::scaling::{self, Driver};
    use headroom::export::link;
    use headroom::ui::analyses::{self, ROOT_ID};

    let app = Mounted::new().await;
    let root = app.find(&format!("#{ROOT_ID}"));
    assert_eq!(
        root.get_attribute("data-link"),
        None,
        "nothing is handed before it opens"
    );
    let open: HtmlElement = app.find("#compare-and-scale button").unchecked_into();
    open.click();
    settle().await;
    let scenario = app.state.scenario.get_untracked();
    assert_eq!(
        root.get_attribute("data-link"),
        Some(link::encode(&scenario))
    );
    assert!(open.hidden(), "the button goes once the panel is open");

    analyses::app::mount();
    settle().await;
    let tiers = scaling::tiers(
        &scenario,
        &Driver::Scale,
        &scaling::default_values(&scenario, &Driver::Scale),
    );
    let rows = root.query_selector_all("table.tiers tr[data-key]").unwrap();
    assert_eq!(rows.length() as usize, tiers.columns.len());
    let total_at = |tier: usize| {
        app.find("table.tiers tr[data-key='cost.total_monthly_usd']")
            .query_selector_all("td")
            .unwrap()
            .item(tier as u32)
            .and_then(|td| td.text_content())
            .unwrap_or_default()
    };
    let column = (tiers.columns.iter())
        .position(|c| &*c.key == "cost.total_monthly_usd")
        .unwrap();
    let expected = tiers.tiers[1].figures[column].unwrap();
    assert_eq!(
        total_at(1),
        format::value(expected, headroom::units::Unit::UsdPerMonth)
    );

    // An edit in the form reaches the panel once typing pauses.
    app.type_into("workload.runs_per_day", "20,000").await;
    let before = total_at(1);
    sleep(analyses::app::FOLLOW_AFTER.as_millis() as i32 + 50).await;
    let edited = app.state.scenario.get_untracked();
    assert_eq!(root.get_attribute("data-link"), Some(link::encode(&edited)));
    let tiers = scaling::tiers(&edited, &Driver::Scale, &[1.0, 10.0, 100.0]);
    let expected = tiers.tiers[1].figures[column].unwrap();
    assert_eq!(
        total_at(1),
        format::value(expected, headroom::units::Unit::UsdPerMonth)
    );
    assert_ne!(total_at(1), before);

    // A comparison link's other scenario: the panel turns to the comparison.
    let other = presets::by_id("inventory-cloud-run").unwrap().scenario();
    app.state.compare_with.set(Some(link::encode(&other)));
    settle().await;
    let tab = app.find("[role='tab'][aria-selected='true']");
    assert_eq!(tab.text_content().unwrap(), "Compare");
    assert!(
        root.query_selector("table.compare-figures tr[data-id='cost.total_monthly_usd']")
            .unwrap()
            .is_some()
    );
}
