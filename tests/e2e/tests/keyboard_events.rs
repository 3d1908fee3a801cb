//! An intern enters ten events in a row with the keyboard alone, through the real app: Tab
//! through title, start, end, time zone, all day, venue, city and country; Ctrl+Enter saves and
//! starts the next event like the last one with the caret in the title; an end before the start
//! is refused with the message at the end field and the caret taken there; Ctrl+Shift+Enter
//! publishes the ten as one commit. The witness is git on the bare origin: one new commit, ten
//! event files, each start in RFC 3339 with the offset its zone has on that day (across the
//! change to summer time on 28 March 2027).

use desk_e2e::{Driver, artifacts, eval, find, git, screenshot, testid, wait_until};
use fantoccini::Client;
use fantoccini::key::Key;

/// Types into whatever has the focus: the only way this test puts text anywhere.
async fn keys(client: &Client, text: &str) {
    client
        .active_element()
        .await
        .expect("the focused element")
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("type {text:?}: {e}"));
}

fn k(key: Key) -> String {
    char::from(key).to_string()
}

async fn focused_testid(client: &Client) -> String {
    eval(
        client,
        "document.activeElement?.dataset?.testid ?? document.activeElement?.tagName ?? ''",
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

struct Ev {
    title: &'static str,
    start: &'static str,
    /// As typed: a time alone means the start's day.
    end: &'static str,
    /// Typed into the zone select (type-ahead); None keeps the previous event's zone.
    zone: Option<&'static str>,
    venue: &'static str,
    city: &'static str,
    country: &'static str,
    /// The start as the file must hold it.
    stored_start: &'static str,
}

const EVENTS: [Ev; 10] = [
    Ev {
        title: "Reindeer racing final",
        start: "2027-03-27 10:00",
        end: "14:00",
        zone: Some("Europe/Helsinki"),
        venue: "Lake Inari ice track",
        city: "Inari",
        country: "Finland",
        stored_start: "2027-03-27T10:00:00+02:00",
    },
    Ev {
        title: "Sámi language café",
        start: "29.3.2027 18.00",
        end: "20:00",
        zone: Some("Europe/Oslo"),
        venue: "Sámi Allaskuvla",
        city: "Guovdageaidnu",
        country: "Norway",
        stored_start: "2027-03-29T18:00:00+02:00",
    },
    Ev {
        title: "Barents youth hackathon",
        start: "2027-03-26 09:00",
        end: "2027-03-27 17:00",
        zone: Some("Europe/Stockholm"),
        venue: "Luleå tekniska universitet",
        city: "Luleå",
        country: "Sweden",
        stored_start: "2027-03-26T09:00:00+01:00",
    },
    Ev {
        title: "Border crossing seminar",
        start: "2027-04-06 11:00",
        end: "16:00",
        zone: Some("Europe/Moscow"),
        venue: "Arctic University",
        city: "Murmansk",
        country: "Russia",
        stored_start: "2027-04-06T11:00:00+03:00",
    },
    Ev {
        title: "Pomor trade exhibition",
        start: "2027-04-08 10:00",
        end: "18:00",
        zone: None,
        venue: "Northern Maritime Museum",
        city: "Arkhangelsk",
        country: "Russia",
        stored_start: "2027-04-08T10:00:00+03:00",
    },
    Ev {
        title: "Midnight sun marathon briefing",
        start: "2027-04-12 12:00",
        end: "13:30",
        zone: Some("Europe/Oslo"),
        venue: "Tromsø Kulturhus",
        city: "Tromsø",
        country: "Norway",
        stored_start: "2027-04-12T12:00:00+02:00",
    },
    Ev {
        title: "Kirkenes film evening",
        start: "2027-04-14 19:00",
        end: "22:00",
        zone: None,
        venue: "Kirkenes kino",
        city: "Kirkenes",
        country: "Norway",
        stored_start: "2027-04-14T19:00:00+02:00",
    },
    Ev {
        title: "Kemi snow castle tour",
        start: "2027-03-20 14:00",
        end: "15:00",
        zone: Some("Europe/Helsinki"),
        venue: "LumiLinna",
        city: "Kemi",
        country: "Finland",
        stored_start: "2027-03-20T14:00:00+02:00",
    },
    Ev {
        title: "Health at a distance workshop",
        start: "2027-04-20 09:30",
        end: "12:00",
        zone: None,
        venue: "Oulu University Hospital",
        city: "Oulu",
        country: "Finland",
        stored_start: "2027-04-20T09:30:00+03:00",
    },
    Ev {
        title: "Kiruna town move walk",
        start: "2027-04-24 10:00",
        end: "12:00",
        zone: Some("Europe/Stockholm"),
        venue: "Kiruna stadshus",
        city: "Kiruna",
        country: "Sweden",
        stored_start: "2027-04-24T10:00:00+02:00",
    },
];

#[tokio::test(flavor = "multi_thread")]
async fn ten_events_entered_with_the_keyboard_alone_are_published_in_one_commit() {
    let out = artifacts("keyboard_events");
    let data = out.join("data");
    let driver = Driver::start(&data, &out);
    let client = driver.launch().await;
    wait_until(
        &client,
        "the demo site's entries",
        "document.querySelectorAll('[data-testid=\"entry-row\"]').length >= 6",
    )
    .await;
    let origin = data.join("demo/origin.git");
    let before = git(&origin, &["rev-parse", "main"]);

    // "+ New" for events, pressed with Enter: the caret lands in the title.
    find(&client, &testid("new-entry-events"))
        .await
        .send_keys(&k(Key::Enter))
        .await
        .expect("press + New event");
    wait_until(
        &client,
        "a new event with the caret in its title",
        "document.activeElement === document.querySelector('[data-testid=\"title-input\"]') && !!document.querySelector('[data-testid=\"field-start\"]')",
    )
    .await;

    let tab = k(Key::Tab);
    let save_next = format!("{}{}", k(Key::Control), k(Key::Enter));
    for (i, ev) in EVENTS.iter().enumerate() {
        keys(&client, ev.title).await;
        // The tab order is the form's promise: check it on the first event.
        let stops = [
            ("field-start", ev.start),
            ("field-end", ev.end),
            ("field-timezone", ev.zone.unwrap_or("")),
            ("field-all_day", ""),
            ("field-venue", ev.venue),
            ("field-city", ev.city),
            ("field-country", ev.country),
        ];
        for (id, text) in stops {
            keys(&client, &tab).await;
            if i == 0 {
                assert_eq!(
                    focused_testid(&client).await,
                    id,
                    "Tab from the field before goes to {id}"
                );
            }
            if !text.is_empty() {
                // Tab selects a field's text, so typing replaces the last event's value.
                keys(&client, text).await;
            }
        }
        if i == 3 {
            // An end before the start: this event is first typed wrongly.
            keys(&client, &format!("{}{}", k(Key::Shift), k(Key::Tab))).await; // back to city
            for _ in 0..4 {
                keys(&client, &format!("{}{}", k(Key::Shift), k(Key::Tab))).await;
            }
            assert_eq!(focused_testid(&client).await, "field-end");
            keys(&client, "09:00").await;
            keys(&client, &save_next).await;
            wait_until(
                &client,
                "the end refused at its field, with the caret there",
                "(document.querySelector('[data-testid=\"field-problems-end\"]')?.innerText ?? '').includes('before the start') && document.activeElement === document.querySelector('[data-testid=\"field-end\"]')",
            )
            .await;
            screenshot(&client, &out, "1-end-before-start-refused").await;
            assert_eq!(
                eval(
                    &client,
                    "document.querySelector('[data-testid=\"title-input\"]').value"
                )
                .await,
                ev.title,
                "refused: the same event is still open"
            );
            // The caret is in the end field with its text selected: type the right end.
            keys(&client, ev.end).await;
        }
        keys(&client, &save_next).await;
        let expected = i + 1;
        wait_until(
            &client,
            &format!("event {expected} saved and the next one started, caret in the title"),
            &format!(
                "document.querySelector('[data-testid=\"quick-entry\"]')?.dataset.count === '{expected}' && document.activeElement === document.querySelector('[data-testid=\"title-input\"]') && !document.querySelector('[data-testid=\"field-problems-end\"]')"
            ),
        )
        .await;
        if i == 0 {
            screenshot(&client, &out, "0-next-event-like-the-first").await;
        }
    }
    screenshot(&client, &out, "2-ten-entered").await;

    // Publish the ten as one change; the name is asked once.
    keys(
        &client,
        &format!("{}{}{}", k(Key::Control), k(Key::Shift), k(Key::Enter)),
    )
    .await;
    wait_until(
        &client,
        "the identity dialog",
        "document.querySelector('[data-testid=\"identity-dialog\"]')?.open && document.activeElement === document.querySelector('[data-testid=\"identity-name\"]')",
    )
    .await;
    keys(&client, "Aleksi Intern").await;
    keys(&client, &tab).await;
    keys(&client, "aleksi@barents.example").await;
    keys(&client, &k(Key::Enter)).await;
    wait_until(
        &client,
        "the ten published",
        "document.querySelector('[data-testid=\"quick-status\"]')?.dataset.state === 'published'",
    )
    .await;
    // The untouched copy the last Ctrl+Enter opened is not left behind as a stray draft.
    wait_until(
        &client,
        "no draft left in the list",
        "[...document.querySelectorAll('[data-testid=\"entry-row\"]')].every(r => !/Draft/.test(r.innerText))",
    )
    .await;
    screenshot(&client, &out, "3-published").await;
    client.close().await.expect("end the session");
    drop(driver);

    // The witness: git on the bare origin.
    let log = git(&origin, &["rev-list", &format!("{}..main", before.trim())]);
    assert_eq!(
        log.lines().count(),
        1,
        "one new commit on the origin:\n{log}"
    );
    let files = git(&origin, &["show", "--name-only", "--format=", "main"]);
    let events: Vec<&str> = files
        .lines()
        .filter(|l| l.starts_with("content/events/") && l.ends_with(".md"))
        .collect();
    assert_eq!(events.len(), 10, "ten event files in the commit:\n{files}");
    assert!(
        files.lines().any(|l| l == "static/events.ics"),
        "the site's calendar feed is regenerated in the same commit:\n{files}"
    );
    let feed = git(&origin, &["show", "main:static/events.ics"]);
    for ev in &EVENTS {
        assert!(feed.contains(ev.title), "“{}” is in the feed", ev.title);
    }
    let mut found = 0;
    for ev in &EVENTS {
        let path = events
            .iter()
            .find(|p| {
                git(&origin, &["show", &format!("main:{p}")])
                    .contains(&format!("title: {}\n", ev.title))
            })
            .unwrap_or_else(|| panic!("no file for “{}” in:\n{files}", ev.title));
        let md = git(&origin, &["show", &format!("main:{path}")]);
        for expected in [
            format!("start: {}\n", ev.stored_start),
            format!("city: {}\n", ev.city),
            format!("country: {}\n", ev.country),
        ] {
            assert!(
                md.contains(&expected),
                "{expected:?} is not in {path}:\n{md}"
            );
        }
        found += 1;
    }
    assert_eq!(found, 10);
    let murmansk = git(
        &origin,
        &[
            "show",
            &format!(
                "main:{}",
                events
                    .iter()
                    .find(|p| p.contains("border-crossing"))
                    .expect("the seminar's file")
            ),
        ],
    );
    assert!(
        murmansk.contains("end: 2027-04-06T16:00:00+03:00\n")
            && murmansk.contains("timezone: Europe/Moscow\n"),
        "the corrected end, in Moscow time:\n{murmansk}"
    );
}
