//! The toolbar: the preset picker, "Copy link" and "Export CSV", and the notices about links and
//! work set aside.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::persist;
use super::state::AppState;
use crate::export::csv;
use crate::scenario::presets;

/// The preset picker, the two export buttons, and their status line.
#[component]
pub fn Toolbar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = RwSignal::new(String::new());
    let manual_link = RwSignal::new(None::<String>);
    let current_preset = move || {
        state.scenario.with(|s| {
            presets::all()
                .iter()
                .find(|p| p.scenario() == *s)
                .map_or(String::new(), |p| p.id.to_string())
        })
    };
    let options = presets::all()
        .iter()
        .map(|p| view! { <option value=p.id>{p.title}</option> })
        .collect_view();
    let pick = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        if let Some(preset) = presets::by_id(&id) {
            state.replace_keeping(preset.scenario(), "You picked a preset.");
        }
    };
    let copy = move |_| {
        let scenario = state.scenario.get_untracked();
        persist::write_address(&scenario);
        let href = window().location().href().unwrap_or_default();
        let clipboard = window().navigator().clipboard();
        let promise = clipboard.write_text(&href);
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => {
                    manual_link.set(None);
                    status.set("Link copied".to_string());
                }
                Err(_) => {
                    manual_link.set(Some(href));
                    status.set("Copy this link:".to_string());
                }
            }
        });
    };
    let export = move |_| {
        let scenario = state.scenario.get_untracked();
        let text = state.report.with_untracked(|r| csv::write(&scenario, r));
        let name = csv::file_name(&scenario.name, &today());
        match download(&name, &text) {
            Ok(()) => status.set(format!("Saved {name}")),
            Err(_) => status.set("The browser refused the download.".to_string()),
        }
    };
    view! {
        <div class="toolbar">
            <label for="preset">"Preset"</label>
            <select id="preset" prop:value=current_preset on:change=pick>
                <option value="" disabled=true>"Edited scenario"</option>
                {options}
            </select>
            <button type="button" on:click=copy>"Copy link"</button>
            <button type="button" on:click=export>"Export CSV"</button>
            <span class="status" role="status">{move || status.get()}</span>
            <input
                class="manual-link"
                type="text"
                readonly=true
                aria-label="Link to this scenario"
                hidden=move || manual_link.with(Option::is_none)
                prop:value=move || manual_link.get().unwrap_or_default()
            />
        </div>
    }
}

/// The banner for a link that did not open, and the one offering to bring back set-aside work.
#[component]
pub fn Notices() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="notices">
            <div class="link-error" role="alert" hidden=move || state.link_error.with(Option::is_none)>
                <p>{move || state.link_error.get().unwrap_or_default()}</p>
                <p>"Your own scenario is shown instead, unchanged."</p>
                <button type="button" on:click=move |_| state.link_error.set(None)>"Dismiss"</button>
            </div>
            <div class="set-aside" role="status" hidden=move || state.set_aside.with(Option::is_none)>
                <p>
                    {move || state.set_aside.with(|k| k.as_ref().map(|k| k.reason.clone()).unwrap_or_default())}
                    " Your previous scenario, “"
                    {move || state.set_aside.with(|k| k.as_ref().map(|k| k.scenario.name.clone()).unwrap_or_default())}
                    "”, is kept."
                </p>
                <button type="button" on:click=move |_| state.restore()>"Restore previous scenario"</button>
                <button type="button" on:click=move |_| state.set_aside.set(None)>"Dismiss"</button>
            </div>
        </div>
    }
}

/// Today's local date as `YYYY-MM-DD`.
fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// Offers `text` to the user as a CSV file download.
fn download(file_name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let anchor: web_sys::HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // The download reads the blob after this handler returns; free it once it has.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}
