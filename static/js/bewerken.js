// The edit page of a round: a cell whose level or toelichting changes is no longer
// "klopt nog" but "gewijzigd". Without JavaScript the server does the same when it saves.
// The save button at the foot returns to the inspanning of the last cell changed, as the
// save button of each inspanning does.
const terug = document.querySelector(".gg-sticky-actions button[name=naar]");
document.querySelectorAll(".gg-bewerken__cel").forEach((cel) => {
  const niveau = cel.querySelector("select[name$='-niveau']");
  const toelichting = cel.querySelector("textarea[name$='-toelichting']");
  const klopt = cel.querySelector("input[type=checkbox][name$='-bevestigd']");
  const status = cel.querySelector(".gg-status");
  if (!niveau || !toelichting || !klopt || !status) return;
  const begin = { niveau: niveau.value, toelichting: toelichting.value, klopt: klopt.checked,
                  tekst: status.textContent, klasse: status.className };
  const sectie = cel.closest(".gg-bewerken__inspanning")?.querySelector("button[name=naar]");
  const bij = () => {
    if (terug && sectie) terug.value = sectie.value;
    const gewijzigd = niveau.value !== begin.niveau || toelichting.value !== begin.toelichting;
    klopt.checked = gewijzigd ? false : begin.klopt;
    status.textContent = gewijzigd ? cel.dataset.gewijzigd : begin.tekst;
    status.className = gewijzigd ? "gg-status gg-status--gewijzigd" : begin.klasse;
  };
  niveau.addEventListener("change", bij);
  toelichting.addEventListener("input", bij);
});
