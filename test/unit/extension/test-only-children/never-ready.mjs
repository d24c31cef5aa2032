// Test-only: runs but never says 'ready' (a hung start-up).
setInterval(() => {}, 1000);
