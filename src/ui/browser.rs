//! The few browser calls the page makes: clipboard, download, panic display.
//!
//! Everything here is a boundary with the browser, so everything here can fail;
//! failures come back as a sentence for the page, never a panic.

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

/// Shows a panic's message in the page instead of leaving it dead.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!(
            "The playground stopped because of a bug: {info}. Reload the page to start again."
        );
        web_sys::console::error_1(&JsValue::from_str(&message));
        let element =
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("panic"));
        if let Some(element) = element {
            element.set_text_content(Some(&message));
            let _ = element.remove_attribute("hidden");
        }
    }));
}

fn save(file_name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type("text/plain;charset=utf-8");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;

    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let link: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    Url::revoke_object_url(&url)
}
