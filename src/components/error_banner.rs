use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ErrorBannerProps {
    pub sentence: AttrValue,
    pub on_dismiss: Callback<()>,
}

/// The one-sentence error banner. The map behind it stays as it was.
#[function_component]
pub fn ErrorBanner(props: &ErrorBannerProps) -> Html {
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="error-banner" role="alert">
            <span class="error-text">{ props.sentence.clone() }</span>
            <button class="icon-button" aria-label="Dismiss error" onclick={on_dismiss}>{ "×" }</button>
        </div>
    }
}
