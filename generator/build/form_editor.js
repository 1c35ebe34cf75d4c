/* The form editor's one custom widget (ours, not Decap's): a list that may also be
   "unknown". Hours and languages are either `unknown` or a list in map/; Decap's own
   list widget breaks on the text `unknown`. This widget shows the list widget, says
   "nog niet bekend" while there is no item, and writes `unknown` again when the last
   item is removed, so that the file always says what check expects. */
(function () {
  var UNKNOWN = "unknown";
  var list = CMS.getWidget("list");

  function isUnknown(value) {
    return value === undefined || value === null || value === UNKNOWN || value.size === 0;
  }

  var UnknownOrList = createClass({
    handleChange: function (value) {
      this.props.onChange(value && value.size === 0 ? UNKNOWN : value);
    },
    render: function () {
      var unknown = isUnknown(this.props.value);
      var props = Object.assign({}, this.props, {
        value: unknown ? undefined : this.props.value,
        onChange: this.handleChange,
      });
      return h("div", {className: "sk-unknown-or-list"},
        unknown ? h("p", {className: "sk-unknown", style: {margin: "0 0 8px"}},
                    "Nog niet bekend. Voeg een regel toe zodra u het weet.") : null,
        h(list.control, props));
    },
  });

  CMS.registerWidget("unknown_or_list", UnknownOrList, list.preview);
})();

/* Decap keeps an entry's values in Immutable maps, which forget the order of
   more than 8 keys: a service's fields came out shuffled. Before saving, every
   group is put back in the order of the fields in config.yml (the models' order),
   so that a form edit changes only the lines of the fields that changed. The
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
    return result;
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
