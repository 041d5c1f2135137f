package io.kubeplane.apiserver.ui;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /ui} and {@code /ui/} are the visualizer's page; its files are static resources under {@code /ui/}. */
@Controller
public class UiPageController {

    @GetMapping("/ui")
    public String redirect() {
        return "redirect:/ui/";
    }

    @GetMapping("/ui/")
    public String page() {
        return "forward:/ui/index.html";
    }
}
