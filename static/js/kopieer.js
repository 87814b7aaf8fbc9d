// "Kopieer": copies an address to the clipboard. The button is hidden without JavaScript (the
// address is a mailto: link then), and the result is announced in the status line.
document.querySelectorAll("button[data-kopieer]").forEach((knop) => {
  if (!navigator.clipboard) return;
  knop.hidden = false;
  const status = document.querySelector(".gg-kopieer__status");
  knop.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(knop.dataset.kopieer);
      if (status) status.textContent = `${knop.dataset.gekopieerd}: ${knop.dataset.kopieer}`;
    } catch {
      if (status) status.textContent = "";
    }
  });
});
