//! Typed front matter fields and the built-in presets for the site's three entry types
//! (article, interview, event). A collection's fields are its preset's, overridden or
//! extended by the fields it names itself.

use serde::{Deserialize, Serialize};

/// What a field holds, and so how it is edited and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    /// One line of text.
    String,
    /// Several lines of text.
    Text,
    /// A calendar date, `2026-12-03`.
    Date,
    /// A date and time; RFC 3339 with offset, or local with the zone in the field `zone` names.
    Datetime,
    /// An IANA time zone name, `Europe/Oslo`.
    Timezone,
    Bool,
    /// A list of strings (tags).
    List,
    /// A path to an image; its alt text lives in the field `alt` names.
    Image,
    Url,
    /// One of `options`.
    Select,
    /// The path (or slug) of another entry, in `collection`.
    Reference,
    Number,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The front matter key.
    pub name: String,
    #[serde(rename = "type")]
    pub kind: FieldKind,
    /// What the form calls it; defaults to the name, capitalised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// The value a new entry starts with (`"today"` for dates means the day it is created).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// For `select`: the allowed values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// For `reference`: the collection the entry must be in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection: Option<String>,
    /// For `date`/`datetime`: the field this one must not be before (an end after a start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// For `date`/`datetime`: the field this one must not be after (a deadline before a start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// For `image`: the field that holds its alt text (required whenever the image is set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    /// For `datetime`: the field that names its time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// For `image`: the field that holds its caption (optional; `cover_caption`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// For `image`: the field that holds its credit (optional; `cover_credit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// For `image`: the field that holds its focal point for themes that crop, as CSS
    /// `object-position` percentages (`cover_focal: "40% 30%"`; see `site::focal`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focal: Option<String>,
}

impl Field {
    pub fn new(name: &str, kind: FieldKind) -> Self {
        Field {
            name: name.to_owned(),
            kind,
            label: None,
            required: false,
            default: None,
            options: Vec::new(),
            collection: None,
            after: None,
            before: None,
            alt: None,
            zone: None,
            caption: None,
            credit: None,
            focal: None,
        }
    }

    fn required(mut self) -> Self {
        self.required = true;
        self
    }

    fn labelled(mut self, label: &str) -> Self {
        self.label = Some(label.to_owned());
        self
    }

    fn default_value(mut self, value: &str) -> Self {
        self.default = Some(value.to_owned());
        self
    }

    /// The name people see: the label, else the key with `_` as spaces and a capital.
    pub fn display_name(&self) -> String {
        if let Some(label) = &self.label {
            return label.clone();
        }
        let spaced = self.name.replace(['_', '-'], " ");
        let mut chars = spaced.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => spaced,
        }
    }
}

/// The built-in entry types of the Barents site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    Article,
    Interview,
    Event,
}

impl Preset {
    /// A preset's fields, in the order the form shows them.
    pub fn fields(self) -> Vec<Field> {
        use FieldKind::*;
        let image = |name: &str, alt: &str, label: &str| {
            let mut f = Field::new(name, Image).labelled(label);
            f.alt = Some(alt.to_owned());
            f.caption = Some(format!("{name}_caption"));
            f.credit = Some(format!("{name}_credit"));
            f.focal = Some(format!("{name}_focal"));
            f
        };
        let article = || {
            vec![
                Field::new("title", String).required(),
                Field::new("lead", Text),
                Field::new("date", Date).required().default_value("today"),
                Field::new("author", String),
                Field::new("tags", List),
                image("cover", "cover_alt", "Cover image"),
                Field::new("cover_alt", String).labelled("Cover image description (alt text)"),
                Field::new("draft", Bool).default_value("false"),
            ]
        };
        match self {
            Preset::Article => article(),
            Preset::Interview => {
                let mut fields = article();
                fields.extend([
                    Field::new("interviewee", String)
                        .required()
                        .labelled("Interviewee name"),
                    Field::new("role", String),
                    Field::new("organisation", String),
                    image("portrait", "portrait_alt", "Portrait"),
                    Field::new("portrait_alt", String).labelled("Portrait description (alt text)"),
                ]);
                fields
            }
            Preset::Event => {
                let mut start = Field::new("start", Datetime).required();
                start.zone = Some("timezone".into());
                let mut end = Field::new("end", Datetime);
                end.zone = Some("timezone".into());
                end.after = Some("start".into());
                let mut deadline =
                    Field::new("registration_deadline", Date).labelled("Registration deadline");
                deadline.before = Some("start".into());
                let mut repeat = Field::new("recurrence", Select).labelled("Repeats");
                repeat.options = vec!["weekly".into(), "monthly".into()];
                let mut until = Field::new("recurrence_until", Date).labelled("Repeat until");
                until.after = Some("start".into());
                vec![
                    Field::new("title", String).required(),
                    start,
                    end,
                    Field::new("timezone", Timezone)
                        .required()
                        .labelled("Time zone"),
                    Field::new("all_day", Bool)
                        .labelled("All day")
                        .default_value("false"),
                    Field::new("venue", String),
                    Field::new("city", String),
                    Field::new("country", String),
                    Field::new("online", Bool)
                        .labelled("Held online")
                        .default_value("false"),
                    Field::new("online_link", Url).labelled("Online link"),
                    Field::new("organiser", String),
                    Field::new("registration_link", Url).labelled("Registration link"),
                    deadline,
                    repeat,
                    until,
                    Field::new("summary", Text),
                    image("cover", "cover_alt", "Cover image"),
                    Field::new("cover_alt", String).labelled("Cover image description (alt text)"),
                ]
            }
        }
    }
}

/// A preset's fields with a collection's own fields laid over them: a field of the same name
/// replaces the preset's, a new name is added at the end.
pub fn merge(preset: Option<Preset>, own: &[Field]) -> Vec<Field> {
    let mut fields = preset.map(Preset::fields).unwrap_or_default();
    for field in own {
        match fields.iter_mut().find(|f| f.name == field.name) {
            Some(existing) => *existing = field.clone(),
            None => fields.push(field.clone()),
        }
    }
    if !fields.iter().any(|f| f.name == "title") {
        fields.insert(0, Field::new("title", FieldKind::String).required());
    }
    fields
}
