// The information screen (man-hinh.html, made by scripts/travinh_site/screens): shows each
// slide for the page's data-seconds, then the next, for ever, with a bar that fills as the
// slide's time runs. Nobody touches a display board: there is nothing to click. It fetches
// nothing: every slide is in the page. With prefers-reduced-motion it stays on the slide it
// shows (and goes on if the setting is turned off).
(() => {
  "use strict";
  const slides = [...document.querySelectorAll(".tv-slide")];
  const bar = document.querySelector(".tv-progress__bar");
  const current = document.querySelector(".tv-progress__current");
  const seconds = Number(document.body.dataset.seconds) || 10;
  const still = window.matchMedia("(prefers-reduced-motion: reduce)");
  let shown = 0;
  let started = performance.now();
  let frame = 0;

  function show(index) {
    slides[shown].classList.remove("is-current");
    slides[shown].setAttribute("aria-hidden", "true");
    shown = index;
    slides[shown].classList.add("is-current");
    slides[shown].removeAttribute("aria-hidden");
    current.textContent = String(shown + 1);
  }

  function tick(now) {
    const elapsed = (now - started) / 1000;
    if (elapsed >= seconds) {
      show((shown + 1) % slides.length);
      started = now;
    }
    bar.style.transform = `scaleX(${Math.min(1, (now - started) / 1000 / seconds)})`;
    frame = requestAnimationFrame(tick);
  }

  function follow() {
    cancelAnimationFrame(frame);
    document.body.classList.toggle("is-still", still.matches);
    if (still.matches || slides.length < 2) {
      bar.style.transform = "scaleX(0)";
      return;
    }
    started = performance.now();
    frame = requestAnimationFrame(tick);
  }

  still.addEventListener("change", follow);
  follow();
})();
