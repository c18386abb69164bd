// When a lesson's video plays to the end, mark the lesson done (the button still works
// without JavaScript).
document.addEventListener("DOMContentLoaded", () => {
  const video = document.querySelector("[data-lesson-video]");
  const status = document.querySelector("[data-lesson-status]");
  if (!video) return;
  video.addEventListener("ended", async () => {
    const token = document.querySelector("input[name=csrfmiddlewaretoken]");
    const response = await fetch(video.dataset.doneUrl, {
      method: "POST",
      headers: { "X-CSRFToken": token ? token.value : "", Accept: "application/json" },
      credentials: "same-origin",
    });
    if (response.ok && status) status.textContent = "You've done this lesson.";
  });

  // On object storage the video's address sends the player on to a signed link that
  // works for some minutes (docs/storage.md). A player that fetches more of the video
  // after that (after a long pause, or a seek) fails: load the video's address again,
  // which gives a new link, and carry on from the same moment. At most once a minute,
  // so a video that really is gone doesn't make the page ask again and again.
  let lastReload = 0;
  video.addEventListener("error", () => {
    if (!video.error || video.error.code === MediaError.MEDIA_ERR_ABORTED) return;
    // Also before the first play: the link fetched with the page's metadata may have run
    // out by the time the member presses play.
    if (Date.now() - lastReload < 60 * 1000) return;
    lastReload = Date.now();
    const at = video.currentTime;
    const wasPlaying = !video.paused;
    video.addEventListener(
      "loadedmetadata",
      () => {
        video.currentTime = at;
        if (wasPlaying) video.play().catch(() => {});
      },
      { once: true },
    );
    video.load();
  });
});
