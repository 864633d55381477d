//! The owner's core-network measures checked against networkx (constraint, effective size,
//! hierarchy from `local_constraint`) and an independent reimplementation of R's
//! `sna::brokerage` counts (Gould–Fernandez roles of every node of the ego graph), to 1e-9.
//!
//! Fixture and the script that wrote it: `tools/reference/core_network/`.

use serde_json::Value;
use tiemap_core::metrics::{brokerage_roles, core_measures, BrokerageRoles};
use tiemap_core::Csr;

fn fixture() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tools/reference/core_network/core_network.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json")
}

fn u32s(v: &Value) -> Vec<u32> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_u64().expect("integer") as u32)
        .collect()
}

fn roles(v: &Value) -> BrokerageRoles {
    let n = |k: &str| v[k].as_u64().expect("count");
    BrokerageRoles {
        coordinator: n("coordinator"),
        consultant: n("consultant"),
        representative: n("representative"),
        gatekeeper: n("gatekeeper"),
        liaison: n("liaison"),
    }
}

fn close(name: &str, what: &str, got: Option<f64>, want: &Value) {
    match want.as_f64() {
        None => assert_eq!(got, None, "{name}: {what}"),
        Some(w) => {
            let g = got.unwrap_or_else(|| panic!("{name}: {what} missing, networkx gives {w}"));
            assert!((g - w).abs() < 1e-9, "{name}: {what} {g} vs {w}");
        }
    }
}

#[test]
fn core_measures_equal_the_reference() {
    let f = fixture();
    let cases = f["cases"].as_array().expect("cases");
    assert!(cases.len() >= 5);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let n = case["nodes"].as_u64().unwrap() as usize;
        let edges: Vec<(u32, u32, f32)> = case["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let e = u32s(e);
                (e[0], e[1], 1.0)
            })
            .collect();
        let csr = Csr::from_edges(n, edges);
        let membership = u32s(&case["membership"]);
        let core = u32s(&case["core"]);
        let want = &case["expected"];
        let m = core_measures(&csr, &membership, &core);
        close(name, "constraint", m.constraint, &want["constraint"]);
        close(
            name,
            "effective size",
            m.effective_size,
            &want["effective_size"],
        );
        close(name, "efficiency", m.efficiency, &want["efficiency"]);
        close(name, "hierarchy", m.hierarchy, &want["hierarchy"]);
        assert_eq!(m.brokerage, want["brokerage"].as_u64().unwrap(), "{name}");
        assert_eq!(
            m.home_cluster.map(u64::from),
            want["home_cluster"].as_u64(),
            "{name}"
        );
        // Roles of every node of the ego graph (the owner last), not only the owner's.
        let expected: Vec<BrokerageRoles> = want["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(roles)
            .collect();
        assert_eq!(expected.len(), core.len() + 1);
        assert_eq!(m.roles, expected[core.len()], "{name}: the owner's roles");
        let mut ego_edges = Vec::new();
        for (i, &a) in core.iter().enumerate() {
            ego_edges.push((i as u32, core.len() as u32, 1.0));
            for (j, &b) in core.iter().enumerate().skip(i + 1) {
                if csr.neighbors(a as usize).0.binary_search(&b).is_ok() {
                    ego_edges.push((i as u32, j as u32, 1.0));
                }
            }
        }
        let ego = Csr::from_edges(core.len() + 1, ego_edges);
        let mut groups: Vec<u32> = core.iter().map(|&v| membership[v as usize]).collect();
        groups.push(m.home_cluster.unwrap());
        for (v, want) in expected.iter().enumerate() {
            assert_eq!(
                &brokerage_roles(&ego, &groups, v),
                want,
                "{name}: roles of node {v}"
            );
        }
    }
}
