// 阅读辅助：大字模式与高对比度。A classic script loaded in <head>, so a saved mode applies before
// the first paint. Without JavaScript the two checkboxes still switch the modes on the current
// page (CSS :has), and the operating system's contrast setting is honoured (prefers-contrast).
(function () {
  var KEY = 'nianbao-reading-modes';
  var MODES = { large: 'nb-large', contrast: 'nb-contrast' };
  var root = document.documentElement;
  var saved = {};
  try {
    saved = JSON.parse(localStorage.getItem(KEY) || '{}') || {};
  } catch (e) {
    saved = {};
  }
  Object.keys(MODES).forEach(function (mode) {
    if (saved[mode]) root.classList.add(MODES[mode]);
  });

  document.addEventListener('DOMContentLoaded', function () {
    Object.keys(MODES).forEach(function (mode) {
      var box = document.getElementById('nb-mode-' + mode);
      if (!box) return;
      box.checked = root.classList.contains(MODES[mode]);
      box.addEventListener('change', function () {
        root.classList.toggle(MODES[mode], box.checked);
        saved[mode] = box.checked;
        try {
          localStorage.setItem(KEY, JSON.stringify(saved));
        } catch (e) {
          /* storage unavailable: the mode lasts for this page only */
        }
      });
    });
  });
})();
