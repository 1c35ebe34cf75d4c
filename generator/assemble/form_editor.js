/* The form editor's own widgets (ours, not Decap's), for two shapes of map/ that
   Decap's list widget breaks on:
   - unknown_or_list: hours and languages are either `unknown` or a list. The list
     widget is shown, with "nog niet bekend" while it has no item; removing the last
     item writes `unknown` again, so the file always says what check expects.
   - text_or_list: paragraphs (mentoring) are one text or a list of texts; one text
     is shown as a list of one, and the file is only rewritten when it is edited. */
(function () {
  var UNKNOWN = "unknown";
  var list = CMS.getWidget("list");

  function isEmpty(value) {
    return value === undefined || value === null || value === "" || value.size === 0;
  }

  function asList(field, value) {
    // Immutable is not global; the field's own settings are an Immutable map.
    return field.toList().clear().push(value);
  }

  function listWidget(unknownAllowed) {
    return createClass({
      handleChange: function (value) {
        this.props.onChange(unknownAllowed && isEmpty(value) ? UNKNOWN : value);
      },
      render: function () {
        var value = this.props.value;
        var unknown = unknownAllowed && (isEmpty(value) || value === UNKNOWN);
        if (unknown) value = undefined;
        else if (typeof value === "string") value = asList(this.props.field, value);
        var props = Object.assign({}, this.props, {value: value, onChange: this.handleChange});
        return h("div", {className: "sk-list"},
          unknown ? h("p", {className: "sk-unknown", style: {margin: "0 0 8px"}},
                      "Nog niet bekend. Voeg een regel toe zodra u het weet.") : null,
          h(list.control, props));
      },
    });
  }

  CMS.registerWidget("unknown_or_list", listWidget(true), list.preview);
  CMS.registerWidget("text_or_list", listWidget(false), list.preview);
})();

/* Decap keeps an entry's values in Immutable maps, which forget the order of
   more than 8 keys: a service's fields came out shuffled. Before saving, every
   group is put back in the order of the fields in config.yml (the models' order),
   so that a form edit changes only the lines of the fields that changed, and
   emptied fields are left out. The
   fields come from form-fields.js, written by the build from the same config. */
(function () {
  function isMap(value) {
    return value && typeof value.toOrderedMap === "function" && typeof value.push !== "function";
  }
  function isList(value) {
    return value && typeof value.push === "function" && typeof value.map === "function";
  }
  function orderOf(fields) {
    var order = {};
    (fields || []).forEach(function (field) {
      order[field.name] = field.fields ? orderOf(field.fields) : {};
    });
    return order;
  }
  function ordered(value, order) {
    if (isList(value)) return value.map(function (item) { return ordered(item, order); });
    if (!isMap(value)) return value;
    var result = value.toOrderedMap().clear();
    Object.keys(order).forEach(function (key) {
      if (value.has(key)) result = result.set(key, ordered(value.get(key), order[key]));
    });
    value.forEach(function (item, key) {
      if (!result.has(key)) result = result.set(key, item);  // not in the form: kept, at the end
    });
    // A field emptied in the form is left out, as in a hand-written file: check
    // refuses an empty text ("mag niet leeg zijn"), and an optional group the form
    // showed but nobody filled in (mentoring's sections) must stay absent.
    return result.filter(function (item) {
      return item !== "" && item !== null && item !== undefined && !(isMap(item) && item.size === 0);
    });
  }
  function fieldsFor(config, entry) {
    var collection = config.collections.find(function (c) { return c.name === entry.get("collection"); });
    if (!collection) return null;
    if (collection.fields) return collection.fields;
    var file = (collection.files || []).find(function (f) { return f.name === entry.get("slug"); });
    return file ? file.fields : null;
  }
  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var fields = fieldsFor(window.SK_FORM_FIELDS, event.entry);
      return fields ? ordered(event.entry.get("data"), orderOf(fields)) : event.entry.get("data");
    },
  });
})();

/* Sign-in with a token, so that a municipality needs no sign-in server of its own.
   Decap's GitHub sign-in goes through an OAuth helper (Netlify's, or one the site
   runs); GitHub's own endpoints for the browser flows do not allow CORS. A
   fine-grained personal access token, limited to the one repository, works from
   the browser against api.github.com directly. The backend "github_token" is
   Decap's GitHub backend with two changes: this sign-in page, and no status
   check at www.githubstatus.com (a host other than the site and the git host). */
(function () {
  var github = CMS.getBackend("github");
  var signIn = createClass({
    getInitialState: function () { return {token: ""}; },
    submit: function (event) {
      event.preventDefault();
      var token = this.state.token.trim();
      if (token) this.props.onLogin({token: token});
    },
    render: function () {
      var self = this, props = this.props;
      var error = props.error ? String(props.error) : "";
      return h("main", {className: "sk-sign-in", style: {maxWidth: "34rem", margin: "4rem auto", padding: "0 1rem",
                                                          fontFamily: "system-ui, sans-serif", lineHeight: 1.5}},
        h("h1", {style: {fontSize: "1.6rem"}}, "Gegevens aanpassen"),
        h("p", null, "Log in met de toegangssleutel die u van de beheerder van de kaart kreeg. " +
                     "De sleutel blijft in deze browser; log uit op een gedeelde computer."),
        h("form", {onSubmit: this.submit},
          h("label", {htmlFor: "sk-token", style: {display: "block", fontWeight: 600}}, "Toegangssleutel"),
          h("input", {id: "sk-token", type: "password", autoComplete: "off", value: this.state.token,
                      style: {width: "100%", padding: "0.5rem", fontSize: "1rem", margin: "0.25rem 0 1rem"},
                      onChange: function (event) { self.setState({token: event.target.value}); }}),
          h("button", {type: "submit", disabled: props.inProgress,
                       style: {padding: "0.5rem 1.25rem", fontSize: "1rem"}},
            props.inProgress ? "Bezig met inloggen…" : "Inloggen")),
        error ? h("p", {role: "alert", style: {color: "#b00020"}},
                  "Inloggen lukte niet. Kijk of u de hele sleutel plakte, en of ze nog geldig is. (" + error + ")")
              : null);
    },
  });
  function TokenGitHub(config, options) {
    var backend = github.init(config, options);
    backend.authComponent = function () { return signIn; };
    backend.status = function () {
      return Promise.resolve({auth: {status: true}, api: {status: true, statusPage: ""}});
    };
    return backend;
  }
  CMS.registerBackend("github_token", TokenGitHub);
})();

/* The form refuses at the field what `check` refuses. The patterns, bounds and
   rules come from config.yml, generated from check's own rules
   (generator/data/cmsconfig.py); here are only the widgets that apply what a
   pattern cannot say, in Dutch:
   - sk_date: a browser date field between min and max ("today" for a check date),
     that keeps what was typed (Decap's own re-parsed each keystroke: 1906);
   - sk_time_range: uu:mm-uu:mm (the pattern), and the end after the start;
   - sk_records: a list of records that each need one of some fields (a source). */
(function () {
  var string = CMS.getWidget("string");
  var list = CMS.getWidget("list");

  function problem(props, message) {
    return {error: {type: "CUSTOM", parentIds: props.parentIds, message: message}};
  }
  function today() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }
  function dutchDate(iso) {
    var parts = iso.split("-");
    return parts[2] + "-" + parts[1] + "-" + parts[0];
  }
  function bounds(field) {
    var max = field.get("max");
    return {min: field.get("min"), max: max === "today" ? today() : max, today: max === "today"};
  }

  var dateField = createClass({
    isValid: function () {
      var value = this.props.value, limit = bounds(this.props.field);
      if (!value) return true;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        return problem(this.props, "Vul de hele datum in: dag, maand en jaar, bv. 15-03-2026.");
      }
      if (limit.today && value > limit.max) {
        return problem(this.props, "Deze datum ligt in de toekomst. Vul de dag in waarop u het nakeek.");
      }
      if (value < limit.min || value > limit.max) {
        return problem(this.props, "Kies een datum tussen " + dutchDate(limit.min) + " en " +
                                   dutchDate(limit.max) + ". Kijk het jaar na.");
      }
      return true;
    },
    render: function () {
      var props = this.props, limit = bounds(props.field);
      return h("input", {
        type: "date", id: props.forID, className: props.classNameWrapper, value: props.value || "",
        min: limit.min, max: limit.max,
        onChange: function (event) { props.onChange(event.target.value); },
        onFocus: props.setActiveStyle,
        onBlur: function () { props.setInactiveStyle(); props.validate(); },
      });
    },
  });
  CMS.registerWidget("sk_date", dateField);

  function minutes(text) {
    var parts = text.split(":");
    return parseInt(parts[0], 10) * 60 + parseInt(parts[1], 10);
  }
  var timeRange = createClass({
    isValid: function () {
      var value = (this.props.value || "").trim();
      var match = /^(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(value);
      if (match && minutes(match[2]) <= minutes(match[1])) {
        return problem(this.props, "Het einde (" + match[2] + ") moet na het begin (" + match[1] + ") liggen.");
      }
      return true;
    },
    render: function () { return h(string.control, this.props); },
  });
  CMS.registerWidget("sk_time_range", timeRange, string.preview);

  var records = createClass({
    missing: function () {
      var rule = this.props.field.get("sk_one_of"), value = this.props.value;
      if (!rule || !value || typeof value.filter !== "function") return [];
      var names = rule.get("fields").toArray();
      var empty = value.filter(function (item) {
        return !names.some(function (name) { var v = item && item.get(name); return v && String(v).trim(); });
      });
      return empty.size ? [problem(this.props, rule.get("message")).error] : [];
    },
    validate: function () {
      // Called instead of the list's own validation (EditorControlPane): run it, then ours.
      if (!this.inner) return;
      this.inner.validate();
      this.props.onValidateObject(this.props.forID, this.inner.validateSize().concat(this.missing()));
    },
    render: function () {
      var self = this, register = this.props.controlRef;
      // The list hands itself to the editor pane as the control to validate; hand this one instead.
      return h(list.control, Object.assign({}, this.props, {
        ref: function (control) { self.inner = control; },
        controlRef: function () { if (register) register(self); },
      }));
    },
  });
  CMS.registerWidget("sk_records", records, list.preview);

  // "<label> komt niet overeen met het patroon: <uitleg>" reads as a riddle; say the explanation.
  var nl = CMS.getLocale("nl");
  if (nl && nl.editor && nl.editor.editorControlPane) {
    nl.editor.editorControlPane.widget.regexPattern = "%{fieldLabel}: %{pattern}.";
  }
})();

// Everything is registered: start the CMS (form-fields.js set CMS_MANUAL_INIT).
CMS.init();
