// Our widgets for the form (written with the `h` and `createClass` that Decap CMS provides, so
// they need no React of their own), and a thin wrapper round Decap's list widget so that each
// collapsed entry is summarised in the plan's own words and with its status's label.

const SUMMARY = '_summary';

export function registerWidgets(CMS) {
  CMS.registerWidget('plans-readonly', readonlyControl(), readonlyPreview());
  CMS.registerWidget('plans-item', itemControl(), readonlyPreview());
  CMS.registerWidget('plans-id', idControl(), readonlyPreview());
  const list = CMS.getWidget('list');
  CMS.registerWidget('list', summarisedList(list.control), list.preview, list.schema);
}

/** A value shown as text and never changed (e.g. an update's period, which names its file). */
function readonlyControl() {
  return window.createClass({
    render() {
      const { value, forID, classNameWrapper } = this.props;
      return window.h('output', { id: forID, className: `${classNameWrapper} plans-readonly` }, String(value ?? ''));
    },
  });
}

function readonlyPreview() {
  return window.createClass({
    render() {
      return window.h('p', {}, String(this.props.value ?? ''));
    },
  });
}

/** A plan item (recommendation, action or milestone) named by its id: its reference, text and
 *  deadline as the plan prints them, read-only. Absent (the entry is about another kind of
 *  item), the field hides itself. */
function itemControl() {
  return window.createClass({
    componentDidMount() {
      this.hideWhenEmpty();
    },
    componentDidUpdate() {
      this.hideWhenEmpty();
    },
    hideWhenEmpty() {
      // Decap draws a label and help around each widget; an entry names either an action or a
      // milestone, so the field for the other is hidden whole, and the item's reference, which
      // the block itself shows, needs no label above it.
      const container = this.node?.parentElement;
      if (!container?.querySelector(`label[for="${this.props.forID}"]`)) return;
      container.classList.add('plans-item-field');
      container.hidden = this.props.value === undefined || this.props.value === null;
    },
    render() {
      const { value, field, forID, classNameWrapper } = this.props;
      const h = window.h;
      const ref = node => { this.node = node; };
      if (value === undefined || value === null) return h('span', { ref, id: forID });
      const item = field.getIn(['items', String(value)]);
      if (!item) return h('output', { ref, id: forID, className: `${classNameWrapper} plans-readonly` }, String(value));
      const text = item.get('text');
      const deadline = item.get('deadline');
      return h('div', { ref, id: forID, className: `${classNameWrapper} plans-readonly plans-item`, role: 'group',
        'aria-label': item.get('reference') },
      h('p', {}, h('strong', {}, item.get('reference')), text ? `: ${text}` : ''),
      deadline ? h('p', {}, `Deadline in the plan: ${deadline}`) : null);
    },
  });
}

/** An id: typed once for a new entry (a new source document), read-only once it has been saved,
 *  because ids are permanent and other files refer to them. */
function idControl() {
  return window.createClass({
    getInitialState() {
      return { locked: Boolean(this.props.value) };
    },
    render() {
      const { value, forID, classNameWrapper, onChange, setActiveStyle, setInactiveStyle } = this.props;
      if (this.state.locked) {
        return window.h('output', { id: forID, className: `${classNameWrapper} plans-readonly` }, String(value));
      }
      return window.h('input', {
        type: 'text', id: forID, className: classNameWrapper, value: value ?? '', spellCheck: false,
        onChange: event => onChange(event.target.value), onFocus: setActiveStyle, onBlur: setInactiveStyle,
      });
    },
  });
}

/** Decap's list widget, with each entry's summary (`{{fields._summary}}` in the configuration)
 *  worked out from the entry: the item's reference and text, and the label of its status. */
function summarisedList(ListControl) {
  return window.createClass({
    // As Decap's list: always drawn again, so that errors found in its entries are shown.
    shouldComponentUpdate() {
      return true;
    },
    validate() {
      this.inner?.validate();
    },
    focus(path) {
      this.inner?.focus(path);
    },
    render() {
      const props = this.props;
      const ref = inner => { this.inner = inner; };
      const summarise = summariser(props.field);
      if (!summarise || !props.value || typeof props.value.map !== 'function') {
        return window.h(ListControl, { ...props, ref });
      }
      if (!this.summaries || this.summarise !== summarise) {
        this.summaries = new WeakMap();
        this.summarise = summarise;
      }
      const value = props.value.map(entry => this.withSummary(entry));
      const onChange = (newValue, metadata) => props.onChange(withoutSummaries(newValue), metadata);
      return window.h(ListControl, { ...props, value, onChange, ref });
    },
    withSummary(entry) {
      if (!isImmutableMap(entry)) return entry;
      let summarised = this.summaries.get(entry);
      if (!summarised) {
        summarised = entry.set(SUMMARY, this.summarise(entry));
        this.summaries.set(entry, summarised);
      }
      return summarised;
    },
  });
}

const summarisers = new WeakMap();

/** The function that summarises one entry of this list, or null for lists of other things. */
function summariser(field) {
  if (summarisers.has(field)) return summarisers.get(field);
  const fields = field.get('fields');
  const itemFields = fields ? fields.filter(f => f.get('widget') === 'plans-item') : null;
  let summarise = null;
  if (itemFields && itemFields.size) {
    const status = fields.find(f => f.get('name') === 'status');
    const labels = new Map((status?.get('options')?.toJS() ?? []).map(o => [o.value, o.label]));
    summarise = entry => {
      let summary = '';
      for (const itemField of itemFields) {
        const id = entry.get(itemField.get('name'));
        if (id === undefined || id === null) continue;
        const item = itemField.getIn(['items', String(id)]);
        summary = item ? item.get('summary') : `${itemField.get('label')} ${id}`;
      }
      const statusId = status ? entry.get('status') : undefined;
      return statusId ? `${summary} — ${labels.get(statusId) ?? statusId}` : summary;
    };
  }
  summarisers.set(field, summarise);
  return summarise;
}

function isImmutableMap(value) {
  return value && typeof value.set === 'function' && typeof value.get === 'function' && typeof value.delete === 'function';
}

function withoutSummaries(list) {
  return list && typeof list.map === 'function' ? list.map(e => (isImmutableMap(e) ? e.delete(SUMMARY) : e)) : list;
}
