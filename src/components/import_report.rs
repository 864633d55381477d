use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ImportReportProps {
    pub lines: Vec<String>,
}

/// What the import read from which file, and what it skipped and why.
#[function_component]
pub fn ImportReport(props: &ImportReportProps) -> Html {
    if props.lines.is_empty() {
        return html! {};
    }
    html! {
        <section class="import-report" aria-label="Import report">
            <ul>{ for props.lines.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul>
        </section>
    }
}
