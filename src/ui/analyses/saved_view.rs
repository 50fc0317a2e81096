//! Saved scenarios: save the page's scenario by name; open, compare, rename or delete a saved
//! one (a deletion can be undone); export them all as a file and import such a file
//! ([`crate::ui::saved`]).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use super::app::{Compared, Panel, Tab};
use crate::ui::saved::{self, Saved};
use crate::ui::toolbar::{download, today};

/// The saved-scenarios tab.
#[component]
pub fn SavedView() -> impl IntoView {
    let panel = expect_context::<Panel>();
    let name = RwSignal::new(
        panel
            .scenario
            .with_untracked(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default()),
    );
    let name_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    // What the last save or deletion dropped, which "Undo" puts back.
    let dropped = RwSignal::new(Vec::<Saved>::new());
    // The scenario being renamed, by index, and the name being typed (read only on keeping it,
    // so that typing does not draw the list again).
    let renaming = RwSignal::new(None::<usize>);
    let rename_text = StoredValue::new(String::new());
    let rename_from = StoredValue::new(String::new());
    let rename_error = RwSignal::new(None::<String>);
    let said = move |result: Result<String, String>| match result {
        Ok(text) | Err(text) => status.set(text),
    };
    let save = move || {
        let typed = name.get_untracked();
        if let Some(problem) = saved::name_problem(&typed) {
            name_error.set(Some(problem));
            return;
        }
        name_error.set(None);
        let Ok(scenario) = panel.scenario.get_untracked() else {
            return;
        };
        let entry = Saved::new(&typed, &scenario, js_sys::Date::now());
        let shown = entry.name.clone();
        let result = panel.change_saved(|list| saved::keep(list, entry));
        said(result.map(|replaced| {
            let text = match replaced.iter().any(|s| s.name == shown) {
                true => format!("Saved “{shown}”, in place of the scenario saved under that name."),
                false => format!("Saved “{shown}”."),
            };
            dropped.set(replaced);
            text
        }));
    };
    let undo = move |_| {
        let back = dropped.get_untracked();
        dropped.set(Vec::new());
        let result = panel.change_saved(|list| {
            for entry in back.into_iter().rev() {
                // A scenario saved since under the name is kept too, under a new one.
                let mut entry = entry;
                let base = entry.name.clone();
                let mut n = 2;
                while list
                    .iter()
                    .any(|s| s.name == entry.name && s.link != entry.link)
                {
                    entry.name = format!("{base} ({n})");
                    n += 1;
                }
                list.retain(|s| s.name != entry.name);
                list.push(entry);
            }
            list.sort_by(|a, b| b.at_ms.total_cmp(&a.at_ms));
        });
        said(result.map(|()| "Put back.".to_string()));
    };
    let act = move |ev: leptos::ev::MouseEvent| {
        let Some(button) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("button[data-act]").ok().flatten())
        else {
            return;
        };
        let index: usize = match button
            .get_attribute("data-index")
            .and_then(|i| i.parse().ok())
        {
            Some(index) => index,
            None => return,
        };
        let Some(entry) = panel.saved.with_untracked(|list| list.get(index).cloned()) else {
            return;
        };
        match button.get_attribute("data-act").as_deref() {
            Some("open") => match entry.scenario() {
                Ok(_) => Panel::open_in_page(&entry.link),
                Err(why) => status.set(format!("“{}” does not open: {why}", entry.name)),
            },
            Some("compare") => {
                panel.compared.set(Some(Compared::Saved(entry.name)));
                panel.tab.set(Tab::Compare);
            }
            Some("rename") => {
                rename_error.set(None);
                rename_text.set_value(entry.name.clone());
                rename_from.set_value(entry.name);
                renaming.set(Some(index));
                set_timeout(
                    || {
                        let input = document().query_selector("input.rename").ok().flatten();
                        if let Some(input) =
                            input.and_then(|i| i.dyn_into::<web_sys::HtmlElement>().ok())
                        {
                            let _ = input.focus();
                        }
                    },
                    std::time::Duration::ZERO,
                );
            }
            Some("delete") => {
                let result = panel.change_saved(|list| {
                    list.retain(|s| *s != entry);
                });
                said(result.map(|()| format!("Deleted “{}”.", entry.name)));
                dropped.set(vec![entry]);
            }
            _ => {}
        }
    };
    let finish_rename = move || {
        if renaming.get_untracked().is_none() {
            return;
        }
        let (from, text) = (rename_from.get_value(), rename_text.get_value());
        let mut refused = None;
        let result = panel.change_saved(|list| {
            if let Err(why) = saved::rename(list, &from, &text) {
                refused = Some(why);
            }
        });
        match refused {
            Some(why) => rename_error.set(Some(why)),
            None => {
                renaming.set(None);
                // A comparison with it follows it to its new name.
                if panel.compared.get_untracked() == Some(Compared::Saved(from)) {
                    let renamed = Compared::Saved(text.trim().to_string());
                    panel.compared.set(Some(renamed));
                }
                said(result.map(|()| format!("Renamed to “{}”.", text.trim())));
            }
        }
    };
    let export = move |_| {
        let list = panel.saved.get_untracked();
        let file = format!("headroom-scenarios-{}.csv", today());
        let text = saved::export(&list);
        status.set(match download(&file, &text) {
            Ok(()) => format!("Saved {file}"),
            Err(_) => "The browser refused the download.".to_string(),
        });
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        let read = Closure::once(move |text: wasm_bindgen::JsValue| {
            let text = text.as_string().unwrap_or_default();
            let result = panel.change_saved(|list| saved::import(list, &text));
            said(result.map(|imported| imported.summary()));
        });
        let _ = file.text().then(&read);
        read.forget();
    };
    let rows = move || {
        panel.saved.with(|list| {
            list.iter()
                .enumerate()
                .map(|(i, s)| {
                    let when = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(s.at_ms))
                        .to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED);
                    let when = String::from(when);
                    let name_cell = match renaming.get() {
                        Some(at) if at == i => view! {
                            <input
                                type="text"
                                class="rename"
                                aria-label=format!("New name for {}", s.name)
                                prop:value=rename_text.get_value()
                                on:input=move |ev| rename_text.set_value(event_target_value(&ev))
                                on:keydown=move |ev| match ev.key().as_str() {
                                    "Enter" => finish_rename(),
                                    "Escape" => renaming.set(None),
                                    _ => {}
                                }
                            />
                            <button type="button" on:click=move |_| finish_rename()>"Save name"</button>
                            {move || rename_error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
                        }
                        .into_any(),
                        _ => view! { <bdi>{s.name.clone()}</bdi> }.into_any(),
                    };
                    let label = s.name.clone();
                    view! {
                        <tr>
                            <th scope="row">{name_cell}</th>
                            <td>{when}</td>
                            <td class="saved-actions">
                                <button type="button" data-act="open" data-index=i aria-label=format!("Open {label}")>"Open"</button>
                                <button type="button" data-act="compare" data-index=i aria-label=format!("Compare with {label}")>"Compare"</button>
                                <button type="button" data-act="rename" data-index=i aria-label=format!("Rename {label}")>"Rename"</button>
                                <button type="button" data-act="delete" data-index=i aria-label=format!("Delete {label}")>"Delete"</button>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <form class="save-form" on:submit=move |ev| {
            ev.prevent_default();
            save();
        }>
            <label>
                "Name "
                <input
                    type="text"
                    class="save-name"
                    maxlength=saved::LONGEST_NAME
                    aria-invalid=move || name_error.with(Option::is_some).to_string()
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </label>
            <button type="submit" class="primary">"Save this scenario"</button>
            {move || name_error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
        </form>
        <p class="hint">
            "Saved scenarios stay in this browser. Export them as a file to keep them elsewhere or move them to another browser."
        </p>
        <div class="saved-status">
            <span class="status" role="status">{move || status.get()}</span>
            {move || (!dropped.with(Vec::is_empty)).then(|| view! { <button type="button" on:click=undo>"Undo"</button> })}
        </div>
        {move || match panel.saved.with(Vec::is_empty) {
            true => view! { <p class="hint">"No scenario is saved yet."</p> }.into_any(),
            false => view! {
                <div class="table-scroll">
                    <table class="saved-list" on:click=act>
                        <caption>"Saved scenarios, newest first"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Name"</th>
                                <th scope="col">"Saved"</th>
                                <th scope="col">"Actions"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }.into_any(),
        }}
        <div class="saved-files">
            <button type="button" on:click=export disabled=move || panel.saved.with(Vec::is_empty)>
                "Export saved scenarios"
            </button>
            <label class="import">
                "Import a file of saved scenarios "
                <input type="file" accept=".csv,text/csv" on:change=import />
            </label>
        </div>
    }
}
