// 打印按钮：the button is in the page hidden, and shown here, so that a reader without JavaScript
// never meets a button that does nothing (the browser's own print command prints the same page).
(function () {
  var buttons = document.querySelectorAll('[data-print]');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener('click', function () {
      window.print();
    });
  }
})();
