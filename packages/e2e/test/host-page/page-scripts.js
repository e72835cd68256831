// The host's own jQuery code, running beside Minyi.
window.jQuery(() => {
  window.jQuery('#host-note').text('jQuery ran');
});
