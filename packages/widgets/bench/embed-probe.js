// The measuring script of the embed benchmark (`embed-bench.mjs`). It is the first script of every
// benchmark page, a plain synchronous script at the top of <head>, and is not counted in any
// candidate's size. The same code measures all three candidates:
//
// - script start: `performance.now()` as this script begins to run;
// - rating interactive: the rating is in the DOM when, in the document or in a shadow root, a
//   `role="radiogroup"` holds exactly five level controls (`input[type=radio]` or `role="radio"`)
//   named 非常满意, 满意, 基本满意, 不满意, 非常不满意 in that order, and the same root holds a
//   button named 提交 (checked after every DOM change: a MutationObserver on the document and on
//   every shadow root as it is attached, for which the probe wraps Element.prototype.attachShadow
//   until then; these checks read no layout). From then on, at each
//   animation frame, before the browser renders it, the rating is checked to be usable: each of
//   the six controls is enabled and not inert, and what the resident clicks (a radio's <label>,
//   else the control) is visible (`checkVisibility` with opacity and visibility), has a non-empty
//   box inside the viewport and is what hit testing finds at its centre; and the first level takes
//   focus. The time is taken at the start of the first task after the frame in which all of that
//   first holds, that is once that frame has been laid out and painted: a 'user-blocking' task
//   (scheduler.postTask), the priority of input, so that work the page queued meanwhile at normal
//   priority, which a click would overtake, does not count. Layout is only ever read inside
//   animation frames, where the browser lays out anyway, so the probe moves no layout work into
//   the candidate's own tasks;
// - long tasks: every `longtask` entry from this script's start until SETTLE_MS after the rating
//   became interactive, so that work a widget defers until just after rendering is counted too;
// - a calibration loop, run after the window closes, shows the CPU slowdown the page really got.
//
// When the window closes it logs one line, `minyi-embed-bench {json}`, which the benchmark reads.
(() => {
  const scriptStart = performance.now();
  const LEVELS = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'];
  const SUBMIT = '提交';
  const SETTLE_MS = Number(document.currentScript?.dataset.settle ?? 500);
  const OBSERVE = {
    childList: true,
    subtree: true,
    characterData: true,
    attributeFilter: ['role', 'type', 'value', 'aria-label'],
  };

  const state = {
    scriptStart,
    inDom: undefined,
    found: undefined,
    ready: undefined,
    waitingFor: 'the rating in the DOM',
  };
  window.__embedBench = state;

  const longTasks = [];
  const keepLongTasks = (entries) => {
    for (const entry of entries)
      longTasks.push({ start: entry.startTime, duration: entry.duration });
  };
  let longTaskObserver;
  try {
    longTaskObserver = new PerformanceObserver((list) => keepLongTasks(list.getEntries()));
    longTaskObserver.observe({ type: 'longtask', buffered: true });
  } catch {
    longTaskObserver = undefined;
  }

  const roots = [document];
  const mutations = new MutationObserver(onMutation);
  mutations.observe(document, OBSERVE);
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function attachShadowObserved(init) {
    const root = attachShadow.call(this, init);
    roots.push(root);
    mutations.observe(root, OBSERVE);
    return root;
  };

  const textOf = (element) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

  /** What the resident clicks for a control: a radio's label, else the control itself. */
  function clickTarget(control) {
    if (control.localName === 'input') return control.labels?.[0] ?? control;
    return control;
  }

  function nameOf(control) {
    const label = control.getAttribute('aria-label');
    if (label) return label.trim();
    if (control.localName === 'input') {
      const target = clickTarget(control);
      return target === control ? control.value.trim() : textOf(target);
    }
    return textOf(control);
  }

  function usable(root, control, target) {
    if (control.disabled || control.getAttribute('aria-disabled') === 'true') return false;
    if (control.closest('[inert]')) return false;
    const visible = target.checkVisibility({
      opacityProperty: true,
      visibilityProperty: true,
      checkOpacity: true,
      checkVisibilityCSS: true,
    });
    if (!visible) return false;
    const box = target.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) return false;
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
    const hit = root.elementFromPoint(x, y);
    return hit !== null && target.contains(hit);
  }

  /** The rating's controls in `root`, in order with the submit button last, if it is there. */
  function ratingIn(root) {
    for (const group of root.querySelectorAll('[role="radiogroup"]')) {
      const controls = [...group.querySelectorAll('input[type="radio"], [role="radio"]')];
      if (controls.length !== LEVELS.length) continue;
      if (!controls.every((control, index) => nameOf(control) === LEVELS[index])) continue;
      const submit = [
        ...root.querySelectorAll('button, input[type="submit"], input[type="button"]'),
      ].find((button) => nameOf(button) === SUBMIT);
      if (submit) return [...controls, submit];
    }
    return undefined;
  }

  /** Whether the rating in `root` can be used now; `state.waitingFor` says what is missing. */
  function usableIn(root) {
    const controls = ratingIn(root);
    if (!controls) return false;
    for (const control of controls) {
      if (!usable(root, control, clickTarget(control))) {
        state.waitingFor = `a usable control: ${nameOf(control)}`;
        return false;
      }
    }
    const first = controls[0];
    first.focus({ preventScroll: true });
    const focused = root.activeElement === first;
    first.blur();
    if (!focused) state.waitingFor = 'focus on the first level';
    return focused;
  }

  let framePending = false;
  function requestFrame() {
    if (framePending) return;
    framePending = true;
    requestAnimationFrame(onFrame);
  }

  /** After DOM changes: once the rating is in the DOM, check it at every frame until usable. */
  function onMutation() {
    if (state.inDom !== undefined) return;
    if (!roots.some(ratingIn)) return;
    state.inDom = performance.now();
    state.waitingFor = 'the first frame with the rating';
    mutations.disconnect();
    Element.prototype.attachShadow = attachShadow;
    requestFrame();
  }

  function onFrame() {
    framePending = false;
    if (!roots.some(usableIn)) {
      requestFrame();
      return;
    }
    state.found = performance.now();
    afterFrame(() => {
      state.ready = performance.now();
      setTimeout(finish, SETTLE_MS);
    });
  }

  /**
   * Runs `callback` in the first task after the current one (the frame being rendered) that the
   * page's own queued work cannot delay: a 'user-blocking' task, the priority at which Chromium
   * dispatches input, where `scheduler.postTask` exists; a MessageChannel message otherwise.
   */
  function afterFrame(callback) {
    if (globalThis.scheduler?.postTask) {
      globalThis.scheduler.postTask(callback, { priority: 'user-blocking' });
      return;
    }
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      callback();
    };
    channel.port2.postMessage(null);
  }

  /** A fixed amount of work, timed: its ratio between CPU settings is the slowdown applied. */
  function calibrate() {
    const started = performance.now();
    let x = 0;
    for (let i = 0; i < 4_000_000; i++) x = (x * 31 + i) % 1_000_003;
    return { ms: performance.now() - started, x };
  }

  function finish() {
    if (longTaskObserver) {
      keepLongTasks(longTaskObserver.takeRecords());
      longTaskObserver.disconnect();
    }
    const windowEnd = state.ready + SETTLE_MS;
    const tasks = longTasks.filter((task) => task.start < windowEnd);
    const calibration = calibrate();
    console.info(
      `minyi-embed-bench ${JSON.stringify({
        scriptStart,
        inDom: state.inDom,
        found: state.found,
        ready: state.ready,
        longTaskSupported: longTaskObserver !== undefined,
        longTasks: tasks,
        calibrationMs: calibration.ms,
      })}`,
    );
  }
})();
