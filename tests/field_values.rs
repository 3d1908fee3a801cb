//! Completions for the entry form: the values a field already has across the demo site's
//! published entries, most used first, each spelling once; a newly published tag joins them.

mod common;

use common::{World, git};

#[test]
fn tags_of_the_published_entries_most_used_first() {
    let world = World::new();
    let tags = world.desk.field_values("tags").unwrap();
    // Counted from the demo files with grep-like reading, independent of the core's parser.
    let mut expected: Vec<(usize, String)> = Vec::new();
    for line in git(
        &world.site(),
        &["grep", "-h", "^tags:", "HEAD", "--", "content"],
    )
    .lines()
    {
        let list = line.split_once("tags:").unwrap().1;
        for tag in list.trim().trim_matches(['[', ']']).split(',') {
            let tag = tag.trim().trim_matches('"').to_owned();
            match expected
                .iter_mut()
                .find(|(_, t)| t.to_lowercase() == tag.to_lowercase())
            {
                Some(slot) => slot.0 += 1,
                None => expected.push((1, tag)),
            }
        }
    }
    expected.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.to_lowercase().cmp(&b.1.to_lowercase()))
    });
    let expected: Vec<String> = expected.into_iter().map(|(_, t)| t).collect();
    assert!(expected.len() >= 3, "the demo site has tags: {expected:?}");
    assert_eq!(tags, expected);
    // A plain string field works the same way, and an unknown field has no values.
    assert!(
        world
            .desk
            .field_values("author")
            .unwrap()
            .contains(&"Ingrid Mäkelä".to_owned())
    );
    assert!(world.desk.field_values("no_such_field").unwrap().is_empty());

    // Read from the site index once it has the files: the same answer.
    let authors = world.desk.field_values("author").unwrap();
    world.desk.index_site().unwrap();
    assert_eq!(world.desk.field_values("tags").unwrap(), tags);
    assert_eq!(world.desk.field_values("author").unwrap(), authors);
    assert!(world.desk.field_values("no_such_field").unwrap().is_empty());
}
