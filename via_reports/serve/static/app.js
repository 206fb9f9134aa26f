/* Progressive enhancement of the via-reports page: everything works without this file
   (plain form posts); with it, a picked or dropped workbook is checked at once, a build
   shows its progress, and a followed workbook (serve WERKMAP) refreshes itself.
   News is told to screen readers through the live region #melder. */
(function () {
  "use strict";
  var base = document.body.dataset.base || "";
  var melder = document.getElementById("melder");
  var busy = false;

  function say(text) {
    melder.textContent = "";
    window.setTimeout(function () { melder.textContent = text; }, 60);
  }
  function sleep(ms) { return new Promise(function (done) { window.setTimeout(done, ms); }); }

  function parse(html) { return new DOMParser().parseFromString(html, "text/html"); }

  function formState() {
    var state = {};
    document.querySelectorAll("#maak input").forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") { state[el.name + "=" + el.value] = el.checked; }
      else if (el.type === "text") { state[el.name] = el.value; }
    });
    return state;
  }
  function restoreForm(state) {
    document.querySelectorAll("#maak input").forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        var key = el.name + "=" + el.value;
        if (key in state) { el.checked = state[key]; }
      } else if (el.type === "text" && el.name in state) { el.value = state[el.name]; }
    });
  }
  function swapWork(doc) {
    var fresh = doc.getElementById("werk"), old = document.getElementById("werk");
    if (!fresh || !old) { return false; }
    var state = formState();
    old.replaceWith(fresh);
    restoreForm(state);
    bindBuild();
    return true;
  }
  function focusHeading(id) {
    var heading = document.getElementById(id);
    if (heading) { heading.focus(); }
  }
  function problemOf(doc) {
    var p = doc.getElementById("foutmelding");
    return p ? p.textContent : "Er ging iets mis; probeer het opnieuw.";
  }

  /* 1. pick or drop a workbook: checked at once */
  var pick = document.getElementById("kiezen");
  if (pick) {
    var input = document.getElementById("werkmap");
    var zone = pick.querySelector("[data-sleepvak]");
    var problem = document.getElementById("kiezen-fout");
    var check = async function () {
      if (!input.files.length || busy) { return; }
      busy = true;
      problem.hidden = true;
      say("Bezig met controleren van " + input.files[0].name + "…");
      try {
        var response = await fetch(pick.action, { method: "POST", body: new FormData(pick) });
        var doc = parse(await response.text());
        if (response.ok && swapWork(doc)) {
          window.history.replaceState(null, "", response.url);
          focusHeading("kop-controle");
          say(document.getElementById("samenvatting").textContent);
        } else {
          problem.textContent = problemOf(doc);
          problem.hidden = false;
        }
      } catch (err) {
        problem.textContent = "De server is niet bereikbaar; probeer het opnieuw.";
        problem.hidden = false;
      } finally { busy = false; }
    };
    pick.addEventListener("submit", function (event) { event.preventDefault(); check(); });
    input.addEventListener("change", check);
    zone.addEventListener("dragover", function (event) { event.preventDefault(); zone.classList.add("erboven"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("erboven"); });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("erboven");
      if (event.dataTransfer && event.dataTransfer.files.length) { input.files = event.dataTransfer.files; check(); }
    });
  }

  /* 4. make the documents: progress, then the result */
  async function build(form) {
    var button = document.getElementById("maak-knop"), progress = document.getElementById("voortgang");
    busy = true;
    button.disabled = true;
    progress.hidden = false;
    progress.textContent = "In de wachtrij…";
    say("De documenten worden gemaakt.");
    try {
      var response = await fetch(form.action, { method: "POST", body: new FormData(form), headers: { Accept: "application/json" } });
      var job = await response.json();
      if (response.status !== 202) {
        progress.textContent = job.message;
        say(job.message);
        return;
      }
      var told = "";
      for (;;) {
        await sleep(400);
        var state = await (await fetch(job.url, { headers: { Accept: "application/json" } })).json();
        progress.textContent = "Bezig: " + state.stage;
        var stage = state.stage.replace(/\s\d+$/, "");
        if (stage !== told) { told = stage; say(state.stage); }
        if (state.status === "done" || state.status === "failed") { break; }
      }
      var page = await fetch(base + "/maak/" + job.id);
      if (swapWork(parse(await page.text()))) {
        window.history.replaceState(null, "", page.url);
        focusHeading("kop-resultaat");
        say(document.getElementById("resultaat-samenvatting").textContent);
      }
    } catch (err) {
      progress.textContent = "De server is niet bereikbaar; probeer het opnieuw.";
    } finally {
      busy = false;
      var again = document.getElementById("maak-knop");
      if (again) { again.disabled = false; }
    }
  }
  function bindBuild() {
    var form = document.getElementById("maak");
    if (form) { form.addEventListener("submit", function (event) { event.preventDefault(); build(form); }); }
  }
  bindBuild();

  /* serve WERKMAP: follow the saves of the workbook */
  var followed = document.body.dataset.werkmap;
  if (followed) {
    var versie = document.body.dataset.versie;
    var polling = false;
    window.setInterval(async function () {
      if (polling || busy) { return; }
      polling = true;
      try {
        var state = await (await fetch(followed, { headers: { Accept: "application/json" } })).json();
        if (String(state.versie) !== versie) {
          var page = await fetch(base + "/");
          if (swapWork(parse(await page.text()))) {
            versie = String(state.versie);
            say("De werkmap is opgeslagen. " + state.samenvatting);
          }
        }
      } catch (err) { /* the server restarts or the network hiccups: try again next time */ }
      finally { polling = false; }
    }, 700);
  }
})();
