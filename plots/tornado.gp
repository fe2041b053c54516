# tornado.gp: the classic tornado: for the keys that move the metric most,
# a bar from the base to the metric at the key's low value and one to its
# high value. Run by `rampsim tornado --plot`, which sets datadir, metric,
# unit, base, swing and bars (how many to draw).
set title sprintf("%s (%s, mean): each key %.0f%% down and up", metric, unit, swing)
set key below
set ytics nomirror
set yrange [bars - 0.5:-0.5]
set offsets graph 0.05, graph 0.05, 0, 0
set style fill solid 0.75 noborder
set arrow 1 from base, graph 0 to base, graph 1 nohead lw 2 dt 2 lc rgb '#555555' front
low_end(x) = column('metric_low')
high_end(x) = column('metric_high')
plot datadir.'/tornado.csv' every ::0::(bars - 1) \
       using ((base + low_end(0)) / 2):0:(abs(low_end(0) - base) / 2):(0.35):yticlabels(1) \
       with boxxyerror lc rgb '#ff7f0e' title 'Key at its low value', \
     '' every ::0::(bars - 1) using ((base + high_end(0)) / 2):0:(abs(high_end(0) - base) / 2):(0.35) \
       with boxxyerror lc rgb '#1f5fa8' title 'Key at its high value'
