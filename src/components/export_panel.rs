use tiemap_app::model::{ExportFormat, NameMode};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExportPanelProps {
    pub on_export: Callback<(ExportFormat, NameMode)>,
}

/// Exporting the map's data for other tools (Gephi, spreadsheets), with names as chosen.
#[function_component]
pub fn ExportPanel(props: &ExportPanelProps) -> Html {
    // Names start hidden: sharing other people's names is the person's choice.
    let names = use_state(|| NameMode::Hidden);
    let on_names = {
        let names = names.clone();
        Callback::from(move |e: Event| {
            let mode = match e
                .target_dyn_into::<HtmlSelectElement>()
                .map(|s| s.value())
                .as_deref()
            {
                Some("all") => NameMode::All,
                Some("initials") => NameMode::Initials,
                _ => NameMode::Hidden,
            };
            names.set(mode);
        })
    };
    html! {
        <section class="panel" aria-label="Export">
            <h2>{ "Export data" }</h2>
            <label class="select">
                <span>{ "Names" }</span>
                <select aria-label="Names in exports" onchange={on_names}>
                    <option value="hidden" selected={*names == NameMode::Hidden}>{ "Hidden (Person 1, Person 2…)" }</option>
                    <option value="initials" selected={*names == NameMode::Initials}>{ "Initials only" }</option>
                    <option value="all" selected={*names == NameMode::All}>{ "All names and profile links" }</option>
                </select>
            </label>
            <div class="button-row export-buttons">
                { for ExportFormat::ALL.iter().map(|&format| {
                    let on_export = props.on_export.clone();
                    let names = *names;
                    let onclick = Callback::from(move |_: MouseEvent| on_export.emit((format, names)));
                    html! { <button class="button secondary" {onclick}>{ format.label() }</button> }
                }) }
            </div>
            <p class="muted">{ "Hidden clusters are left out. GEXF keeps clusters, names, colours and positions for Gephi." }</p>
        </section>
    }
}
