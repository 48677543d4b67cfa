// startup first: its requests leave before the rest of the window's script is evaluated.
import { firstPageAnswered } from './lib/startup';
import { mount } from 'svelte';
import App from './App.svelte';
import { desk } from './lib/desk.svelte';
import './app.css';

// The chosen language is set before anything is built. Not a top-level await:
// that makes Rollup split the window's first script into many.
void Promise.all([firstPageAnswered(), desk.loadSettings()]).then(() => mount(App, { target: document.getElementById('app')! }));
