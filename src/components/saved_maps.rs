use tiemap_app::saver::SavedMapMeta;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SavedMapsProps {
    /// Saved maps by key (the input's fingerprint), newest first.
    pub saved: Vec<(String, SavedMapMeta)>,
    /// The fingerprint of the map on screen.
    pub current: Option<String>,
    /// "Saved in this browser at 09:14", or why saving failed.
    pub status: Option<String>,
    /// Whether the browser agreed to keep this site's storage (`None`: not asked, or no
    /// such API).
    #[prop_or_default]
    pub kept: Option<bool>,
    pub on_open: Callback<String>,
    pub on_delete: Callback<String>,
    pub on_delete_all: Callback<()>,
    pub on_save_project: Callback<()>,
}

/// "2026-11-30T08:05:09.123Z" -> "2026-11-30 08:05".
fn short_time(iso: &str) -> String {
    let date = iso.get(..10).unwrap_or(iso);
    match iso.get(11..16) {
        Some(time) => format!("{date} {time}"),
        None => date.to_string(),
    }
}

/// Whether the browser keeps the maps, in one sentence.
fn kept_sentence(kept: bool) -> &'static str {
    if kept {
        "This browser keeps them: it will not clear them to free space."
    } else {
        "This browser may clear them when space runs low; a project file keeps a map for sure."
    }
}

/// Saving: the maps kept in this browser (reopen, delete, delete all) and the project file.
#[function_component]
pub fn SavedMaps(props: &SavedMapsProps) -> Html {
    let on_save_project = props.on_save_project.reform(|_: MouseEvent| ());
    let on_delete_all = {
        let on_delete_all = props.on_delete_all.clone();
        Callback::from(move |_: MouseEvent| {
            let sure = gloo::utils::window()
                .confirm_with_message(
                    "Delete every map saved in this browser? Project files you downloaded stay.",
                )
                .unwrap_or(false);
            if sure {
                on_delete_all.emit(());
            }
        })
    };
    html! {
        <section class="panel saved" aria-label="Saved maps">
            <h2>{ "Saved maps" }</h2>
            <p class="muted">{ "Your names, colours and layout are kept in this browser only, and come back when you reload or drop the same export." }</p>
            if let Some(kept) = props.kept {
                <p class="muted storage-kept">{ kept_sentence(kept) }</p>
            }
            if let Some(status) = props.status.clone() {
                <p class="save-status" role="status" aria-live="polite">{ status }</p>
            }
            <div class="button-row">
                <button class="button secondary" onclick={on_save_project}>{ "Save project file" }</button>
            </div>
            if !props.saved.is_empty() {
                <ul class="saved-list">
                    { for props.saved.iter().map(|(key, meta)| {
                        let open = {
                            let on_open = props.on_open.clone();
                            let key = key.clone();
                            Callback::from(move |_: MouseEvent| on_open.emit(key.clone()))
                        };
                        let delete = {
                            let on_delete = props.on_delete.clone();
                            let key = key.clone();
                            Callback::from(move |_: MouseEvent| on_delete.emit(key.clone()))
                        };
                        let here = props.current.as_deref() == Some(key.as_str());
                        html! {
                            <li key={key.clone()} class={classes!(here.then_some("current"))}>
                                <span class="saved-title">{ meta.title.clone() }</span>
                                <span class="muted saved-when">{ format!("{} people · {}", meta.people, short_time(&meta.saved_at)) }</span>
                                <span class="button-row">
                                    if !here {
                                        <button class="link" aria-label={format!("Open {}", meta.title)} onclick={open}>{ "Open" }</button>
                                    }
                                    <button class="link" aria-label={format!("Delete {}", meta.title)} onclick={delete}>{ "Delete" }</button>
                                </span>
                            </li>
                        }
                    }) }
                </ul>
                <button class="link danger" onclick={on_delete_all}>{ "Delete everything saved" }</button>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::short_time;

    #[test]
    fn times_are_shown_to_the_minute() {
        assert_eq!(short_time("2026-11-30T08:05:09.123Z"), "2026-11-30 08:05");
        assert_eq!(short_time("2026-11-30"), "2026-11-30");
    }
}
