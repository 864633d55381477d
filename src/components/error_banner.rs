use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ErrorBannerProps {
    pub sentence: AttrValue,
    pub on_dismiss: Callback<()>,
    /// Shown as a "Retry" button (after the worker stopped).
    #[prop_or_default]
    pub on_retry: Option<Callback<()>>,
}

/// The one-sentence error banner. The map behind it stays as it was.
#[function_component]
pub fn ErrorBanner(props: &ErrorBannerProps) -> Html {
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="error-banner" role="alert">
            <span class="error-text">{ props.sentence.clone() }</span>
            if let Some(retry) = props.on_retry.clone() {
                <button class="button secondary" onclick={retry.reform(|_: MouseEvent| ())}>{ "Retry" }</button>
            }
            <button class="icon-button" aria-label="Dismiss error" onclick={on_dismiss}>{ "×" }</button>
        </div>
    }
}
