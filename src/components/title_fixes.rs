//! "How titles are read": the table where the person corrects the title taxonomy. Each row is
//! one title (as the taxonomy keys it), how many people have it, and the function and
//! seniority it is read as. Changing either sets a correction for that title (both parts as
//! shown), which the insights count from then on; "Reset" takes it back. Corrections are
//! edits: undone, saved and carried in the project file like names and colours.

use std::rc::Rc;
use tiemap_app::model::Edit;
use tiemap_core::metrics::{Function, Seniority, TitleRow};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Rows shown at once; the filter finds the rest.
const SHOWN: usize = 40;

#[derive(Properties, PartialEq)]
pub struct TitleFixesProps {
    pub titles: Rc<Vec<TitleRow>>,
    pub on_edit: Callback<Edit>,
}

fn select_index(e: &Event) -> Option<usize> {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        .and_then(|s| s.value().parse().ok())
}

/// The rows `filter` (words of the title, case-blind) and `only_other` keep.
pub fn filtered<'a>(rows: &'a [TitleRow], filter: &str, only_other: bool) -> Vec<&'a TitleRow> {
    let words: Vec<String> = filter
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .collect();
    rows.iter()
        .filter(|r| !only_other || r.role.function == Function::Other)
        .filter(|r| {
            let text = format!("{} {}", r.key, r.example.to_lowercase());
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .collect()
}

#[function_component]
pub fn TitleFixes(props: &TitleFixesProps) -> Html {
    let filter = use_state(String::new);
    let only_other = use_state(|| false);
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            {
                filter.set(i.value());
            }
        })
    };
    let on_only_other = {
        let only_other = only_other.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            {
                only_other.set(i.checked());
            }
        })
    };
    let rows = filtered(&props.titles, &filter, *only_other);
    let corrected = props.titles.iter().filter(|r| r.corrected).count();
    let total = rows.len();
    html! {
        <details class="title-fixes">
            <summary>{ "How titles are read" }
                if corrected > 0 {
                    <span class="muted">{ format!(" ({corrected} corrected)") }</span>
                }
            </summary>
            <p class="meaning">{ "Function and seniority come from keywords in each title. If a title is read wrong, pick what it means: the charts and findings count it your way from then on (Ctrl+Z undoes)." }</p>
            <div class="title-fixes-filter">
                <input type="search" class="title-filter" aria-label="Find a title" placeholder="Find a title" value={(*filter).clone()} oninput={on_filter} />
                <label><input type="checkbox" class="only-other" checked={*only_other} onchange={on_only_other} />{ " Only titles read as Other" }</label>
            </div>
            <div class="title-table-box">
                <table class="title-table">
                    <thead><tr>
                        <th scope="col">{ "Title" }</th>
                        <th scope="col">{ "People" }</th>
                        <th scope="col">{ "Function" }</th>
                        <th scope="col">{ "Seniority" }</th>
                        <th scope="col"><span class="visually-hidden">{ "Reset" }</span></th>
                    </tr></thead>
                    <tbody>
                        { for rows.iter().take(SHOWN).map(|row| {
                            let role = row.role;
                            let key = row.key.clone();
                            let on_function = {
                                let on_edit = props.on_edit.clone();
                                let key = key.clone();
                                Callback::from(move |e: Event| {
                                    if let Some(f) = select_index(&e).and_then(|i| Function::ALL.get(i).copied()) {
                                        on_edit.emit(Edit::SetRole { title: key.clone(), function: Some(f), seniority: Some(role.seniority) });
                                    }
                                })
                            };
                            let on_seniority = {
                                let on_edit = props.on_edit.clone();
                                let key = key.clone();
                                Callback::from(move |e: Event| {
                                    if let Some(s) = select_index(&e).and_then(|i| Seniority::ALL.get(i).copied()) {
                                        on_edit.emit(Edit::SetRole { title: key.clone(), function: Some(role.function), seniority: Some(s) });
                                    }
                                })
                            };
                            let on_reset = {
                                let on_edit = props.on_edit.clone();
                                let key = key.clone();
                                Callback::from(move |_: MouseEvent| on_edit.emit(Edit::SetRole { title: key.clone(), function: None, seniority: None }))
                            };
                            html! {
                                <tr key={row.key.clone()} class={classes!("title-row", row.corrected.then_some("corrected"))} data-title={row.key.clone()}>
                                    <th scope="row" class="title-text">{ row.example.clone() }</th>
                                    <td class="num">{ row.people }</td>
                                    <td><select class="title-function" aria-label={format!("Function of {}", row.example)} onchange={on_function}>
                                        { for Function::ALL.iter().enumerate().map(|(i, f)| html! {
                                            <option value={i.to_string()} selected={*f == role.function}>{ f.label() }</option>
                                        }) }
                                    </select></td>
                                    <td><select class="title-seniority" aria-label={format!("Seniority of {}", row.example)} onchange={on_seniority}>
                                        { for Seniority::ALL.iter().enumerate().map(|(i, s)| html! {
                                            <option value={i.to_string()} selected={*s == role.seniority}>{ s.label() }</option>
                                        }) }
                                    </select></td>
                                    <td>if row.corrected {
                                        <button class="button small title-reset" onclick={on_reset} title="Read this title by the keywords again">{ "Reset" }</button>
                                    }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if total > SHOWN {
                <p class="muted">{ format!("Showing {SHOWN} of {total} titles: type to find the others.") }</p>
            } else if total == 0 {
                <p class="muted">{ "No title matches." }</p>
            }
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tiemap_core::metrics::Role;

    fn row(key: &str, f: Function) -> TitleRow {
        TitleRow {
            key: key.into(),
            example: key.to_uppercase(),
            people: 1,
            role: Role {
                function: f,
                seniority: Seniority::Mid,
            },
            corrected: false,
        }
    }

    #[test]
    fn the_filter_matches_every_word_and_can_keep_only_other() {
        let rows = vec![
            row("software engineer", Function::Engineering),
            row("chief happiness officer", Function::Other),
            row("barista", Function::Other),
        ];
        let keys = |v: Vec<&TitleRow>| v.iter().map(|r| r.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(filtered(&rows, "", false)).len(), 3);
        assert_eq!(
            keys(filtered(&rows, "ENGINEER soft", false)),
            ["software engineer"]
        );
        assert_eq!(
            keys(filtered(&rows, "", true)),
            ["chief happiness officer", "barista"]
        );
        assert_eq!(
            keys(filtered(&rows, "chief", true)),
            ["chief happiness officer"]
        );
        assert!(filtered(&rows, "engineer", true).is_empty());
    }
}
