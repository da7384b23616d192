document.getElementById('root')!.textContent = 'ISO Desk';
