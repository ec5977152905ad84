//! Component tests: the real page mounted in headless Chromium by
//! wasm-bindgen-test (`scripts/test-web.sh` runs them). Each test mounts the app
//! into its own element, acts on it the way a user would (click, type), waits
//! for Yew to render, and reads the DOM.
#![cfg(target_arch = "wasm32")]

use nginx_lockdown::model::{Config, Field};
use nginx_lockdown::ui::{Action, App, NewDir, State};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Lets Yew's scheduler run and the browser settle.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

async fn mount() -> Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    root
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

/// The checkbox whose label shows `path`.
fn checkbox_for(root: &Element, path: &str) -> HtmlInputElement {
    let labels = root.query_selector_all("label.check").unwrap();
    (0..labels.length())
        .filter_map(|i| labels.item(i)?.dyn_into::<Element>().ok())
        .find(|label| label.text_content().as_deref() == Some(path))
        .and_then(|label| label.query_selector("input[type=checkbox]").ok().flatten())
        .unwrap_or_else(|| panic!("no checkbox labelled {path}"))
        .dyn_into()
        .unwrap()
}

fn type_into(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    input.dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
}

#[wasm_bindgen_test]
fn a_bad_size_keeps_the_last_valid_config() {
    let state = State::new(Config::default());
    let state = state.apply(Action::MountAmount(1, "-1".into()));
    assert!(state.is_stale());
    assert_eq!(state.config, Config::default(), "outputs keep the last valid setup");
    assert!(state.error(Field::MountSize(1)).is_some());
    let state = state.apply(Action::MountAmount(1, "4".into()));
    assert!(!state.is_stale());
    assert_eq!(state.config.mounts[1].size.to_string(), "4m");
}

#[wasm_bindgen_test]
fn the_add_form_keeps_its_text_and_says_why_a_path_is_refused() {
    let state = State::new(Config::default()).apply(Action::NewDirText("tmp/x".into()));
    let state = state.apply(Action::AddNewDir);
    assert_eq!(state.new_dir.text, "tmp/x", "a refused path stays as typed");
    let error = state.new_dir.error.clone().expect("a refused path says why");
    assert!(error.contains("absolute"), "{error}");
    assert_eq!(state.draft.mounts.len(), Config::default().mounts.len());

    let state = state.apply(Action::Preset("locked-down"));
    assert_eq!(state.new_dir.text, "tmp/x", "other actions keep what was typed");
    let state = state.apply(Action::NewDirText("/var/cache/app".into()));
    assert_eq!(state.new_dir.error, None, "typing again clears the message");
    let state = state.apply(Action::AddNewDir);
    assert!(state.draft.mounts.iter().any(|m| m.path == "/var/cache/app" && m.enabled));
    assert!(state.config.mounts.iter().any(|m| m.path.to_string() == "/var/cache/app"));
    assert_eq!(state.new_dir, NewDir::default(), "an added path empties the form");
}

#[wasm_bindgen_test]
async fn turning_client_temp_off_shows_nginx_error_and_drops_the_mount() {
    let root = mount().await;
    assert!(text(&root, "[aria-label='docker run'] pre").contains("destination=/tmp/client_temp"));
    assert!(text(&root, "[aria-label='nginx verdict']").contains("nginx starts"));

    checkbox_for(&root, "/tmp/client_temp").unchecked_ref::<HtmlElement>().click();
    settle().await;

    let run = text(&root, "[aria-label='docker run'] pre");
    assert!(!run.contains("/tmp/client_temp"), "{run}");
    assert!(run.contains("destination=/tmp/proxy_temp"), "other mounts stay: {run}");
    assert!(!text(&root, "[aria-label='Makefile'] pre").contains("/tmp/client_temp"));
    let verdict = text(&root, "[aria-label='nginx verdict']");
    assert!(
        verdict.contains(
            "[emerg] 1#1: mkdir() \"/tmp/client_temp\" failed (30: Read-only file system)"
        ),
        "{verdict}"
    );
}

#[wasm_bindgen_test]
async fn an_invalid_size_is_explained_beside_the_field_and_outputs_stay() {
    let root = mount().await;
    let before = text(&root, "[aria-label='docker run'] pre");
    let size: HtmlInputElement = find(&root, "#size-0").dyn_into().unwrap();
    type_into(&size, "0");
    settle().await;

    let described_by = size.get_attribute("aria-describedby").expect("error is linked");
    let message = text(&root, &format!("#{described_by}"));
    assert!(!message.is_empty());
    assert_eq!(size.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(text(&root, "[aria-label='docker run'] pre"), before);
    assert!(text(&root, ".stale").contains("last valid"));

    type_into(&size, "8");
    settle().await;
    assert!(text(&root, "[aria-label='docker run'] pre").contains("tmpfs-size=8m"));
    assert!(text(&root, "[aria-label='Makefile'] pre").contains("tmpfs-size=8m"));
    assert!(root.query_selector(&format!("#{described_by}")).unwrap().is_none());
}

#[wasm_bindgen_test]
async fn every_control_has_a_name() {
    let root = mount().await;
    let controls = root.query_selector_all("input, select, button").unwrap();
    assert!(controls.length() > 10);
    for i in 0..controls.length() {
        let control: Element = controls.item(i).unwrap().dyn_into().unwrap();
        let id = control.id();
        let named = control.get_attribute("aria-label").is_some_and(|l| !l.is_empty())
            || control.closest("label").unwrap().is_some()
            || (!id.is_empty()
                && root.query_selector(&format!("label[for='{id}']")).unwrap().is_some())
            || (control.tag_name() == "BUTTON"
                && !control.text_content().unwrap_or_default().trim().is_empty());
        assert!(named, "unnamed control: {}", control.outer_html());
    }
}

#[wasm_bindgen_test]
fn a_panic_is_shown_in_the_page_instead_of_a_dead_page() {
    let banner = document().create_element("div").unwrap();
    banner.set_id("panic");
    banner.set_attribute("hidden", "").unwrap();
    document().body().unwrap().prepend_with_node_1(&banner).unwrap();

    nginx_lockdown::ui::show_panic("index out of bounds: the len is 6 but the index is 9");

    assert!(!banner.has_attribute("hidden"));
    let shown = banner.text_content().unwrap_or_default();
    assert!(shown.contains("the len is 6 but the index is 9"), "{shown}");
    assert!(shown.contains("Reload the page"), "{shown}");
    banner.remove();
}
