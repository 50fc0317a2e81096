//! Plain DOM for the read-only parts of the report — tables of figures, findings, charts — which
//! are drawn afresh from the report each time it changes.
//!
//! The interactive parts of the page (the form, the toolbar, the price inputs) are Leptos views
//! with fine-grained updates. The report's figures have no state of their own to keep between
//! edits, so each region is one function from the report to elements, built with [`Node`] and
//! put in place by [`Drawn`]. This keeps the page's code small: one builder serves every table
//! and chart, where each view would otherwise be compiled on its own. Text is always set as
//! text, never parsed as HTML.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::AppState;

const SVG: &str = "http://www.w3.org/2000/svg";

/// An element being built.
pub struct Node(web_sys::Element);

impl Node {
    /// An HTML element.
    pub fn html(tag: &str) -> Node {
        Node(
            document()
                .create_element(tag)
                .unwrap_or_else(|_| fallback()),
        )
    }

    /// An SVG element.
    pub fn svg(tag: &str) -> Node {
        Node(
            document()
                .create_element_ns(Some(SVG), tag)
                .unwrap_or_else(|_| fallback()),
        )
    }

    /// Sets an attribute.
    pub fn attr(self, name: &str, value: &str) -> Node {
        let _ = self.0.set_attribute(name, value);
        self
    }

    /// Sets the `class` attribute.
    pub fn class(self, value: &str) -> Node {
        self.attr("class", value)
    }

    /// Sets an attribute with no value (`hidden`, `open`) when `on` holds.
    pub fn flag(self, name: &str, on: bool) -> Node {
        if on {
            let _ = self.0.set_attribute(name, "");
        }
        self
    }

    /// Appends text, as text.
    pub fn text(self, text: &str) -> Node {
        let _ = self.0.append_with_str_1(text);
        self
    }

    /// Appends a child element.
    pub fn child(self, child: Node) -> Node {
        let _ = self.0.append_child(&child.0);
        self
    }

    /// Appends child elements.
    pub fn children(self, children: Vec<Node>) -> Node {
        for child in children {
            let _ = self.0.append_child(&child.0);
        }
        self
    }

    /// The element.
    pub fn element(&self) -> &web_sys::Element {
        &self.0
    }

    /// An element with this tag, class and text.
    pub fn text_el(tag: &str, class: &str, text: &str) -> Node {
        let node = Node::html(tag);
        let node = if class.is_empty() {
            node
        } else {
            node.class(class)
        };
        node.text(text)
    }
}

/// The element a failed `createElement` stands in with: a bare `<span>`. A browser only fails
/// there for an invalid tag name, which the code never passes.
fn fallback() -> web_sys::Element {
    document()
        .create_element("span")
        .expect("a document can create a span")
}

/// A region of the page drawn by `draw` inside a `<div>` with this class, drawn again
/// whenever what `draw` reads of the state (the report, the scenario) changes. `<details>` left open by the user in the region stay open
/// across redraws (they are found again by their `data-keep` attribute).
#[component]
pub fn Drawn(class: &'static str, draw: fn(&AppState) -> Vec<Node>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let region = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        let nodes = draw(&state);
        let Some(region) = region.get() else {
            return;
        };
        let open = kept_open(&region);
        region.set_text_content(None);
        for node in nodes {
            let _ = region.append_child(&node.0);
        }
        reopen(&region, &open);
    });
    view! { <div class=class node_ref=region></div> }
}

/// The `data-keep` keys of the `<details>` open in `region`.
fn kept_open(region: &web_sys::HtmlDivElement) -> Vec<String> {
    let Ok(open) = region.query_selector_all("details[open][data-keep]") else {
        return Vec::new();
    };
    (0..open.length())
        .filter_map(|i| open.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
        .filter_map(|details| details.get_attribute("data-keep"))
        .collect()
}

/// Opens again the `<details>` of `region` whose `data-keep` key is in `keys`.
fn reopen(region: &web_sys::HtmlDivElement, keys: &[String]) {
    for key in keys {
        let selector = format!("details[data-keep=\"{}\"]", key.replace('"', ""));
        if let Ok(Some(details)) = region.query_selector(&selector) {
            let _ = details.set_attribute("open", "");
        }
    }
}
