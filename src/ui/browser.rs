//! The few browser calls the page makes: clipboard, download, the address,
//! the saved draft, panic display.
//!
//! Everything here is a boundary with the browser, so everything here can fail;
//! failures come back as a sentence for the page, never a panic.

use std::cell::RefCell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Puts exactly `text` on the clipboard.
pub async fn copy(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("There is no window to copy from.")?;
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.map(drop).map_err(|error| {
        web_sys::console::warn_2(&"Copy to the clipboard failed:".into(), &error);
        "Copy failed: the browser did not allow it. Select the text and copy it by hand."
            .to_string()
    })
}

/// Offers `text` as a file called `file_name`, without any network request.
pub fn download(file_name: &str, text: &str) -> Result<(), String> {
    save(file_name, text).map_err(|error| {
        web_sys::console::warn_2(&"Download failed:".into(), &error);
        format!("Could not save {file_name}: copy the text instead.")
    })
}

/// The key the draft is saved under in `localStorage`.
const DRAFT_KEY: &str = "nginx-lockdown.draft";

/// The address's fragment without `#`; empty when there is none.
pub fn location_hash() -> String {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_string()
}

/// The page's full address, as a share link shows it.
pub fn location_href() -> String {
    web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

/// Replaces the current history entry's address with `fragment` (none when
/// empty), so editing adds no history entries and never reloads the page.
fn replace_fragment(fragment: &str) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let path = location.pathname().unwrap_or_default() + &location.search().unwrap_or_default();
    let url = if fragment.is_empty() { path } else { format!("{path}#{fragment}") };
    if let Ok(history) = window.history() {
        if let Err(error) = history.replace_state_with_url(&JsValue::NULL, "", Some(&url)) {
            web_sys::console::warn_2(&"Could not update the address:".into(), &error);
        }
    }
}

/// How long the address may lag behind the setup, in milliseconds: edits in
/// between are written as one history update. Each `replaceState` costs the
/// browser about a millisecond, and it refuses bursts of them.
const ADDRESS_DELAY_MS: i32 = 150;

thread_local! {
    /// The fragment the address should show, while an update is scheduled.
    static PENDING_FRAGMENT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Shows `fragment` in the address soon (see `ADDRESS_DELAY_MS`), and at the
/// latest when the page is hidden or left (see `flush_address_on_hide`).
pub fn replace_fragment_soon(fragment: String) {
    let already_scheduled = PENDING_FRAGMENT.with(|pending| pending.replace(Some(fragment)));
    if already_scheduled.is_some() {
        return;
    }
    let flush = Closure::once_into_js(flush_address);
    let scheduled = web_sys::window().map(|window| {
        window.set_timeout_with_callback_and_timeout_and_arguments_0(
            flush.unchecked_ref(),
            ADDRESS_DELAY_MS,
        )
    });
    if !matches!(scheduled, Some(Ok(_))) {
        flush_address();
    }
}

/// Writes a scheduled address update at once when the page is hidden or left,
/// so a reload right after an edit opens the setup that was on screen.
pub fn flush_address_on_hide() {
    let Some(window) = web_sys::window() else { return };
    let listener = Closure::<dyn Fn()>::new(flush_address).into_js_value();
    for event in ["pagehide", "visibilitychange"] {
        let _ = window.add_event_listener_with_callback(event, listener.unchecked_ref());
    }
}

fn flush_address() {
    if let Some(fragment) = PENDING_FRAGMENT.with(|pending| pending.take()) {
        replace_fragment(&fragment);
    }
}

/// The saved draft, if the browser keeps one and lets the page read it.
pub fn load_draft() -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok()??;
    storage.get_item(DRAFT_KEY).ok()?
}

/// Saves the draft; a browser that refuses storage (private mode, full) only
/// loses the draft, never the page, so the failure is logged and dropped.
pub fn save_draft(text: &str) {
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    let result = match storage {
        Some(storage) => storage.set_item(DRAFT_KEY, text),
        None => Err(JsValue::from_str("localStorage is not available")),
    };
    if let Err(error) = result {
        web_sys::console::warn_2(&"The draft could not be saved:".into(), &error);
    }
}

/// Calls `on_change` with the new fragment whenever the user changes it in the
/// address bar (or opens a link to this page from this page). Lives as long as
/// the returned guard.
pub fn on_hash_change(on_change: impl Fn(String) + 'static) -> Option<HashListener> {
    let window = web_sys::window()?;
    let closure = Closure::<dyn Fn()>::new(move || on_change(location_hash()));
    window.add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref()).ok()?;
    Some(HashListener { closure })
}

/// Removes the `hashchange` listener when dropped.
pub struct HashListener {
    closure: Closure<dyn Fn()>,
}

impl Drop for HashListener {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let callback = self.closure.as_ref().unchecked_ref();
            let _ = window.remove_event_listener_with_callback("hashchange", callback);
        }
    }
}

/// Shows a panic's message in the page instead of leaving it dead.
///
/// Through Yew's own setter: `Renderer::render` replaces any hook set with
/// `std::panic::set_hook` by one that only logs to the console.
/// Only the message: the release build keeps no file and line (`-Zlocation-detail=none`
/// in scripts/wasm-env.sh), so the location would read `<redacted>:0:0`.
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str));
        show_panic(message.unwrap_or("a panic without a message"))
    }));
}

/// Shows what went wrong in the page's `#panic` banner (a live alert) and logs
/// it: what the panic hook calls, and all it does.
pub fn show_panic(what: &str) {
    let message =
        format!("The playground stopped because of a bug: {what}. Reload the page to start again.");
    web_sys::console::error_1(&JsValue::from_str(&message));
    let element =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("panic"));
    if let Some(element) = element {
        element.set_text_content(Some(&message));
        let _ = element.remove_attribute("hidden");
    }
}

fn save(file_name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    // Not text/plain: Chromium appends `.txt` to a text file whose name has no
    // extension, and `Makefile` and `Dockerfile` must keep their names.
    options.set_type("application/octet-stream");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;

    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let link: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    Url::revoke_object_url(&url)
}
