use crate::browser::{files_from_folder_input, PickedFile};
use gloo::file::File;
use tiemap_core::import::Limits;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub on_files: Callback<Vec<PickedFile>>,
    pub on_sample: Callback<()>,
    pub sample_shown: bool,
    /// Opens the share dialog ("Share picture"); no button while there is no map.
    #[prop_or_default]
    pub on_share: Option<Callback<()>>,
}

/// The top bar: the name, "Open file", "Open folder", the way back to the sample, and
/// "Share picture".
#[function_component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let on_change = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let files: Vec<PickedFile> = input
                .files()
                .map(|list| {
                    (0..list.length())
                        .filter_map(|i| list.get(i))
                        .map(|f| File::from(f).into())
                        .collect()
                })
                .unwrap_or_default();
            // Let the same file be picked again later.
            input.set_value("");
            if !files.is_empty() {
                on_files.emit(files);
            }
        })
    };
    let on_folder = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let files = input
                .files()
                .map(|list| files_from_folder_input(&list, &Limits::default()))
                .unwrap_or_default();
            input.set_value("");
            on_files.emit(files);
        })
    };
    let on_sample = props.on_sample.reform(|_: MouseEvent| ());
    let share = props.on_share.as_ref().map(|on_share| {
        let onclick = on_share.reform(|_: MouseEvent| ());
        html! {
            <button class="button secondary share-button" aria-haspopup="dialog" {onclick}>{ "Share picture" }</button>
        }
    });
    html! {
        <header class="toolbar">
            <h1 class="brand">{ "tiemap" }</h1>
            <p class="tagline">{ "Your network, mapped in your browser. Nothing is uploaded." }</p>
            <div class="toolbar-actions">
                if !props.sample_shown {
                    <button class="button secondary" onclick={on_sample}>{ "Show sample" }</button>
                }
                <label class="button primary file-button">
                    { "Open file" }
                    <input class="visually-hidden" type="file" multiple=true onchange={on_change} />
                </label>
                <label class="button secondary file-button" title="The unzipped LinkedIn or Facebook export">
                    { "Open folder" }
                    <input class="visually-hidden" type="file" webkitdirectory=true onchange={on_folder} />
                </label>
                { for share }
            </div>
        </header>
    }
}
