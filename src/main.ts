import { mount } from 'svelte';
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/noto-sans-myanmar/400.css';
import './app.css';
import App from './App.svelte';
import { loadSiteSetup } from './lib/data/site-config.ts';

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element');
// A published site's settings come first: they decide what loads and which view opens (issue 15).
// The app as `npm start` serves it names no settings file and asks for nothing here.
mount(App, { target, props: { site: await loadSiteSetup() } });
