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
    // What was read first; a long list of skipped files (a whole export folder) folds away.
    let (read, skipped): (Vec<&String>, Vec<&String>) =
        props.lines.iter().partition(|l| !l.starts_with("Skipped "));
    let item = |l: &&String| html! { <li>{ (*l).clone() }</li> };
    html! {
        <section class="import-report" aria-label="Import report">
            <ul>{ for read.iter().map(item) }</ul>
            if skipped.len() > 3 {
                <details>
                    <summary>{ format!("{} files skipped", skipped.len()) }</summary>
                    <ul>{ for skipped.iter().map(item) }</ul>
                </details>
            } else {
                <ul>{ for skipped.iter().map(item) }</ul>
            }
        </section>
    }
}
