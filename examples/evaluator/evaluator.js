// The evaluator page's tabs (WAI-ARIA tabs pattern, activation follows focus): the scoreboard and
// the follow-up cases. Loaded from this origin, so that the page's strict Content-Security-Policy
// needs no inline script; it writes no markup, only elements and attributes.
const tablist = document.querySelector('[role="tablist"]');
const tabs = [...tablist.querySelectorAll('[role="tab"]')];
const panels = tabs.map((tab) => document.getElementById(tab.getAttribute('aria-controls')));

/**
 * `<minyi-cases>` is added the first time its tab is shown: then a token the evaluator chose to
 * remember for this tab on the scoreboard is found, and no second token field is in the page
 * before it is wanted.
 */
function showCases() {
  const slot = document.getElementById('cases-slot');
  if (slot.querySelector('minyi-cases')) return;
  const cases = document.createElement('minyi-cases');
  cases.setAttribute('collector', '/');
  slot.append(cases);
}

function select(index, moveFocus, remember = true) {
  tabs.forEach((tab, i) => {
    const selected = i === index;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    panels[i].hidden = !selected;
  });
  if (panels[index].id === 'cases') showCases();
  if (moveFocus) tabs[index].focus();
  // The address keeps the tab, so that a reload or a bookmark opens it again.
  if (remember) {
    history.replaceState(null, '', index === 0 ? location.pathname : `#${panels[index].id}`);
  }
}

tabs.forEach((tab, index) => {
  tab.addEventListener('click', () => select(index, false));
  tab.addEventListener('keydown', (event) => {
    const last = tabs.length - 1;
    const next = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(next, true);
  });
});

// The panels carry their own headings; with tabs, the tab names them.
for (const panel of panels) {
  panel.setAttribute('role', 'tabpanel');
  panel.setAttribute('aria-labelledby', tabs[panels.indexOf(panel)].id);
}
tablist.hidden = false;
const start = panels.findIndex((panel) => `#${panel.id}` === location.hash);
select(Math.max(start, 0), false, false);
