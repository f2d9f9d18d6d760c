// Progressive enhancement for "Salin tautan": copy the article's address instead of following the
// link. Without JavaScript, or without clipboard access, the link still opens the article's URL.
document.addEventListener('click', async (event) => {
  const link = event.target instanceof Element ? event.target.closest('a.share__copy') : null;
  if (!link || !navigator.clipboard) {
    return;
  }

  event.preventDefault();
  try {
    await navigator.clipboard.writeText(link.href);
  } catch {
    window.location.href = link.href;
    return;
  }

  link.dataset.copied = '';
  let status = document.getElementById('share-status');
  if (!status) {
    status = document.createElement('p');
    status.id = 'share-status';
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    link.closest('.share').after(status);
  }
  status.textContent = 'Tautan artikel disalin.';
});
